package org.esa.iss.ports;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

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

    /** Records a received timestamp; any seconds skipped since the previous one become missing. */
    void received(long timestamp) {
        if (lastSeen != Long.MIN_VALUE && timestamp > lastSeen + 1) {
            for (long s = Math.max(lastSeen + 1, timestamp - capacity); s < timestamp; s++) {
                add(s);
            }
            givenUp += Math.max(0, (timestamp - lastSeen - 1) - capacity);
        }
        lastSeen = Math.max(lastSeen, timestamp);
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

    /** Removes and returns up to {@code max} of the oldest missing seconds. */
    List<Long> take(int max) {
        List<Long> batch = new ArrayList<>(Math.min(max, seconds.size()));
        while (batch.size() < max && !seconds.isEmpty()) {
            batch.add(seconds.removeFirst());
        }
        return batch;
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
