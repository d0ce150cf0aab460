package org.esa.iss.ports;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.esa.iss.ports.in.PollStatistics;

/** The poller's counters; written by the polling thread and delivery callbacks, read by anyone. */
final class PollCounters {
    final AtomicLong slots = new AtomicLong();
    final AtomicLong ok = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong published = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong undeliverable = new AtomicLong();
    final AtomicLong backfilled = new AtomicLong();
    /** How many missed seconds the polling thread has still to fetch, copied after each slot, for readers elsewhere. */
    final AtomicLong toFetch = new AtomicLong();
    private final ArrayDeque<Long> recentAttempts = new ArrayDeque<>();
    private static final long RATE_WINDOW_NANOS = 60_000_000_000L;

    synchronized void attempted(long nanos) {
        recentAttempts.addLast(nanos);
        while (!recentAttempts.isEmpty() && nanos - recentAttempts.peekFirst() > RATE_WINDOW_NANOS) {
            recentAttempts.removeFirst();
        }
    }

    synchronized double effectiveHz(long nowNanos) {
        if (recentAttempts.size() < 2) {
            return 0;
        }
        long span = Math.max(nowNanos - recentAttempts.peekFirst(), 1);
        return (recentAttempts.size() - 1) * 1e9 / Math.min(span, RATE_WINDOW_NANOS);
    }

    PollStatistics snapshot(long nowNanos) {
        return new PollStatistics(slots.get(), ok.get(), failed.get(), throttled.get(), skipped.get(), retries.get(),
                published.get(), delivered.get(), undeliverable.get(), backfilled.get(), toFetch.get(),
                effectiveHz(nowNanos));
    }
}
