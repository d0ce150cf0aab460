package org.esa.iss.ports.in;

/**
 * Poller counters. Every slot ends in exactly one of ok, failed, throttled or skipped.
 *
 * @param slots            slots that have come due
 * @param ok               slots that produced a position
 * @param failed           slots whose requests (and retries) failed
 * @param throttled        slots answered with HTTP 429
 * @param skipped          slots not polled (backing off after throttling, or the previous request overran)
 * @param retries          extra requests made inside a slot after a failure
 * @param published        records handed to the publisher (live and backfilled)
 * @param delivered        records the broker acknowledged
 * @param undeliverable    records the publisher finally gave up on (each logged with its content)
 * @param backfilled       missed seconds recovered from the positions endpoint
 * @param secondsToFetch   missed seconds still to fetch from the positions endpoint, as of the last slot: those
 *                         from before the run while a starting poller catches up, and an outage's (while it lasts,
 *                         the seconds since the last position by this host's clock; once ground control answers
 *                         again, those its answer shows missing)
 * @param effectiveHz      polls per second actually attempted over the last minute
 */
public record PollStatistics(long slots, long ok, long failed, long throttled, long skipped, long retries,
                             long published, long delivered, long undeliverable, long backfilled, long secondsToFetch,
                             double effectiveHz) {

    /** Records published whose outcome is not known yet: neither delivered nor given up on. */
    public long awaitingDelivery() {
        return published - delivered - undeliverable;
    }
}
