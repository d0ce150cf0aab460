package org.esa.iss.ports;

import java.time.Duration;
import java.util.Objects;

/**
 * How the poller paces itself.
 *
 * @param interval          slot length; 500 ms is the original system's 2 Hz
 * @param retryBackoff      pause before retrying a failed request inside the same slot
 * @param deadlineMargin    how long before the slot ends a request must give up, so the next slot starts on time
 * @param maxStride         the longest back-off after throttling, in slots (16 × 0.5 s = one poll per 8 s)
 * @param recoverAfter      successful polls at one stride before trying the next faster one
 * @param backfillEvery     while seconds are missing, every n-th polling slot asks for up to ten of them instead
 * @param maxMissedSeconds  missed seconds remembered for backfill (one hour); older ones are given up and counted
 */
public record PollOptions(Duration interval, Duration retryBackoff, Duration deadlineMargin, int maxStride,
                          int recoverAfter, int backfillEvery, int maxMissedSeconds) {

    /** The shortest slot the poller accepts. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(10);

    /** 2 Hz, with back-off up to one poll per 8 s under throttling. */
    public static final PollOptions DEFAULT = new PollOptions(Duration.ofMillis(500), Duration.ofMillis(50),
            Duration.ofMillis(20), 16, 20, 4, 3600);

    public PollOptions {
        if (interval == null || interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("poll interval must be at least 10 ms, got " + interval);
        }
        if (retryBackoff == null || retryBackoff.isNegative()) {
            throw new IllegalArgumentException("retry backoff must be >= 0, got " + retryBackoff);
        }
        if (deadlineMargin == null || deadlineMargin.isNegative() || deadlineMargin.compareTo(interval) >= 0) {
            throw new IllegalArgumentException("deadline margin must be within [0, interval), got " + deadlineMargin);
        }
        if (maxStride < 1 || Integer.bitCount(maxStride) != 1) {
            throw new IllegalArgumentException("max stride must be a power of two >= 1, got " + maxStride);
        }
        if (recoverAfter < 1 || backfillEvery < 2 || maxMissedSeconds < 0) {
            throw new IllegalArgumentException("recoverAfter >= 1, backfillEvery >= 2 and maxMissedSeconds >= 0 are required,"
                    + " got " + recoverAfter + ", " + backfillEvery + " and " + maxMissedSeconds);
        }
    }

    /** The default pacing at another rate. */
    public static PollOptions atInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        Duration margin = interval.toMillis() > 100 ? DEFAULT.deadlineMargin : Duration.ZERO;
        return new PollOptions(interval, DEFAULT.retryBackoff, margin, DEFAULT.maxStride, DEFAULT.recoverAfter,
                DEFAULT.backfillEvery, DEFAULT.maxMissedSeconds);
    }
}
