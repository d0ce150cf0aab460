package org.esa.iss.app;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.LongSupplier;

/**
 * Counters as they were about a period ago, so that a check can look at what happened lately: each check passes the
 * current counters and gets back the newest ones kept that are at least a period old (the first ones, while the
 * process is younger than that; the previous check's, when checks are further apart). Keeps a sample a second at
 * most. Thread-safe.
 */
final class RecentCounts<T> {
    private record Sample<T>(long nanos, T counts) {
    }

    private static final long SAMPLE_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final LongSupplier nanoTime;
    private final long periodNanos;
    private final Deque<Sample<T>> samples = new ArrayDeque<>();

    /** @param initial the counts at the start, which checks in the first period are compared with */
    RecentCounts(LongSupplier nanoTime, Duration period, T initial) {
        this.nanoTime = nanoTime;
        this.periodNanos = period.toNanos();
        samples.addLast(new Sample<>(nanoTime.getAsLong(), initial));
    }

    /** Notes {@code now} and returns the counts to compare it with. */
    synchronized T since(T now) {
        long at = nanoTime.getAsLong();
        if (at - samples.peekLast().nanos() >= SAMPLE_EVERY_NANOS) {
            samples.addLast(new Sample<>(at, now));
        }
        while (samples.size() > 1) {
            Iterator<Sample<T>> oldestFirst = samples.iterator();
            oldestFirst.next();
            if (at - oldestFirst.next().nanos() < periodNanos) {
                break; // the next one is less than a period old: the oldest is the one to compare with
            }
            samples.removeFirst();
        }
        return samples.peekFirst().counts();
    }
}
