package org.esa.iss.ports;

import java.time.Duration;

/**
 * Which slots the poller may use while ground control throttles it: every {@code stride}-th slot, the stride doubling
 * on each HTTP 429 up to {@link PollOptions#maxStride()} and halving again after {@link PollOptions#recoverAfter()}
 * answers in a row, and none before a {@code Retry-After} has passed, or {@link #LONGEST_PAUSE}. The poller's thread
 * only.
 */
final class Throttling {
    /**
     * The longest a {@code Retry-After} pauses polling: a server asking for hours (or garbage that reads as years) would
     * otherwise stop the poller for good, and leave more missed seconds than the backfill reaches (an hour of them by
     * default, {@link PollOptions#maxMissedSeconds()}).
     */
    static final Duration LONGEST_PAUSE = Duration.ofMinutes(10);

    private final int maxStride;
    private final int recoverAfter;
    private int stride = 1;
    /** Answers in a row since the last throttling or failure. */
    private int streak;
    /** Slots used since the stride last changed: the poller gives every n-th of them to the backfill. */
    private long slotsUsedAtStride;
    private long pausedUntilNanos = Long.MIN_VALUE;

    Throttling(PollOptions options) {
        this.maxStride = options.maxStride();
        this.recoverAfter = options.recoverAfter();
    }

    /** Whether slot {@code slot} (counted from the run's start) may be used at {@code nowNanos}. */
    boolean allows(long slot, long nowNanos) {
        return slot % stride == 0 && nowNanos >= pausedUntilNanos;
    }

    /** A slot allowed is being used. */
    void slotUsed() {
        slotsUsedAtStride++;
    }

    /** Slots used since the stride last changed, the one being used included. */
    long slotsUsedAtStride() {
        return slotsUsedAtStride;
    }

    int stride() {
        return stride;
    }

    /** Ground control answered; true if that halved the stride. */
    boolean answered() {
        if (++streak >= recoverAfter && stride > 1) {
            stride /= 2;
            streak = 0;
            slotsUsedAtStride = 0;
            return true;
        }
        return false;
    }

    /** A slot without an answer: the answers in a row start again. */
    void unanswered() {
        streak = 0;
    }

    /**
     * HTTP 429 at {@code nowNanos}: the stride doubles (up to its limit), and nothing is asked for {@code retryAfter}, at
     * most {@link #LONGEST_PAUSE}.
     *
     * @return the pause applied
     */
    Duration throttled(Duration retryAfter, long nowNanos) {
        streak = 0;
        if (stride < maxStride) {
            stride *= 2;
            slotsUsedAtStride = 0;
        }
        Duration pause = retryAfter.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : retryAfter;
        pausedUntilNanos = nowNanos + pause.toNanos();
        return pause;
    }
}
