package org.esa.iss.ports;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A starting poller catching up with the clock: its slots fetch the seconds missed before the run from ground
 * control's history, up to the current second, before the first live poll, so that they reach the topic ahead of
 * it, in order (in time for gold's watermark). It is over when nothing is left, when a fetch would gain nothing on
 * the clock (the pace the rate limit allows is too slow), or after {@value #ATTEMPTS} failed fetches in a row; what
 * is left then is fetched between live polls, like an outage's seconds.
 */
final class CatchUp {
    /** Failed fetches in a row after which catching up gives way to live polling. */
    static final int ATTEMPTS = 3;

    private final MissedSeconds missed;
    private boolean active;
    /** Seconds left to fetch when the last fetch that succeeded began: the next must begin with fewer. */
    private int leftAtLastFetch;
    private int failuresInARow;
    private String endReason;

    CatchUp(MissedSeconds missed) {
        this.missed = missed;
    }

    /** Begins with the seconds missed so far, if any; the first fetch may begin up to one call's worth behind. */
    void begin(int positionsPerCall) {
        active = !missed.isEmpty();
        leftAtLastFetch = missed.size() + positionsPerCall;
    }

    boolean active() {
        return active;
    }

    /**
     * A slot while catching up: the seconds up to {@code nowSecond} become missing too (the next live poll then
     * continues without a gap, or repeats that second), and {@code fetch} fetches
     * the oldest (true unless ground control failed to give them; throttling is no failure). False, without a
     * fetch, if catching up was over before it; it may also be over after it ({@link #active()}).
     */
    boolean useSlot(long nowSecond, BooleanSupplier fetch, Supplier<String> lastFailure) {
        missed.missingBefore(nowSecond + 1);
        int left = missed.size();
        if (left == 0) {
            end(null);
            return false;
        }
        if (left >= leftAtLastFetch) {
            end("fetching at the pace ground control allows gains nothing on the clock");
            return false;
        }
        if (!fetch.getAsBoolean()) {
            if (++failuresInARow >= ATTEMPTS) {
                end("ground control's history failed " + ATTEMPTS + " times in a row (" + lastFailure.get() + ")");
            }
        } else if (missed.size() < left) { // fetched, not throttled
            failuresInARow = 0;
            leftAtLastFetch = left;
            if (missed.isEmpty()) {
                end(null);
            }
        }
        return true;
    }

    /** Why catching up ended before nothing was left, or {@code null}. */
    String endReason() {
        return endReason;
    }

    private void end(String reason) {
        active = false;
        endReason = reason;
    }
}
