package org.esa.iss.ports;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;

/**
 * Unix seconds for which no position was received, oldest first, remembered up to a bound so that they
 * can be fetched later from the positions endpoint.
 */
final class MissedSeconds {
    private final ArrayDeque<Long> seconds = new ArrayDeque<>();
    private final int capacity;
    private long givenUp;
    private long lastSeen = Long.MIN_VALUE;

    MissedSeconds(int capacity) {
        this.capacity = capacity;
    }

    /**
     * As {@link #received}, unless {@code timestamp} lies more than the capacity (the backfill's reach) beyond both
     * {@code now} and the newest second received (or no second is known yet): a garbled timestamp, or a ground control
     * whose clock is far off. Taken, it would make the reach's worth of seconds before it missing, every one in the
     * future, to be fetched and published; and the seconds really missed would not be missing again until the clock
     * reached it. Returns whether it was taken.
     */
    boolean receivedUnlessFarAhead(long timestamp, long now) {
        if (timestamp > now + capacity && (lastSeen == Long.MIN_VALUE || timestamp > lastSeen + capacity)) {
            return false;
        }
        received(timestamp);
        return true;
    }

    /** Records a received timestamp; any seconds skipped since the previous one become missing. */
    void received(long timestamp) {
        missingBefore(timestamp);
        lastSeen = Math.max(lastSeen, timestamp);
    }

    /**
     * The seconds after the last one received and before {@code second} become missing, as if {@code second} had
     * arrived, but {@code second} itself has not: it is still expected. Nothing happens before a first second is known.
     */
    void missingBefore(long second) {
        if (lastSeen != Long.MIN_VALUE && second > lastSeen + 1) {
            for (long s = Math.max(lastSeen + 1, second - capacity); s < second; s++) {
                add(s);
            }
            givenUp += Math.max(0, (second - lastSeen - 1) - capacity);
            lastSeen = second - 1;
        }
    }

    /**
     * After earlier runs that published positions for {@code publishedSeconds}: the seconds after the newest of them
     * up to {@code now}, and those missing between them, become missing. Only holes within reach are looked for
     * (older ones were given up when they were missed); a position before the reach bounds the first hole within
     * it. Returns how many of the seconds now missing are such holes, before the newest position.
     */
    long missingAfter(NavigableSet<Long> publishedSeconds, long now) {
        long newest = publishedSeconds.last();
        long firstWithinReach = now + 1 - capacity;
        NavigableSet<Long> withinReach = publishedSeconds.tailSet(firstWithinReach, true);
        if (withinReach.isEmpty()) {
            received(newest);
        } else {
            Long before = publishedSeconds.lower(firstWithinReach);
            if (before != null) {
                received(Math.max(before, firstWithinReach - 1));
            }
            withinReach.forEach(this::received);
        }
        missingBefore(now + 1);
        long sinceNewest = Math.min(Math.max(0, now - newest), seconds.size()); // the newest are kept when too many
        return seconds.size() - sinceNewest;
    }

    private void add(long second) {
        if (capacity == 0) {
            givenUp++;
            return;
        }
        if (seconds.size() == capacity) {
            seconds.removeFirst();
            givenUp++;
        }
        seconds.addLast(second);
    }

    boolean isEmpty() {
        return seconds.isEmpty();
    }

    /** Seconds waiting to be fetched. */
    int size() {
        return seconds.size();
    }

    /**
     * How many seconds would be waiting if {@code second} arrived now: those waiting and those since the last one
     * received, the oldest beyond the capacity dropped as they would be. An outage's seconds become missing only
     * when it ends (the next position tells which); this counts them while it lasts.
     */
    int sizeIfMissingBefore(long second) {
        long gap = lastSeen == Long.MIN_VALUE ? 0 : Math.max(0, second - lastSeen - 1);
        return (int) Math.min(capacity, seconds.size() + gap);
    }

    /** Removes and returns up to {@code max} of the oldest missing seconds. */
    List<Long> take(int max) {
        List<Long> batch = new ArrayList<>(Math.min(max, seconds.size()));
        while (batch.size() < max && !seconds.isEmpty()) {
            batch.add(seconds.removeFirst());
        }
        return batch;
    }

    /** Sets the oldest missing second behind the others: ground control's answer for it keeps being refused. */
    void moveFirstToBack() {
        seconds.addLast(seconds.removeFirst());
    }

    /** Gives the oldest missing second up, counted with those dropped because the list was full. */
    void giveUpFirst() {
        seconds.removeFirst();
        givenUp++;
    }

    /** Puts seconds back at the front (their backfill request failed). */
    void putBack(List<Long> batch) {
        for (int i = batch.size() - 1; i >= 0; i--) {
            seconds.addFirst(batch.get(i));
        }
    }

    /** Seconds dropped because the list was full. */
    long givenUp() {
        return givenUp;
    }
}
