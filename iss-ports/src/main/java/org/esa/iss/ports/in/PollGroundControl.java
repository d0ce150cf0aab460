package org.esa.iss.ports.in;

/**
 * Use case: poll ground control on a fixed-rate schedule and publish every position. A service is run once; the
 * caller, not the service, closes the publisher it was given.
 */
public interface PollGroundControl {

    /**
     * Polls until {@link #stop()} is called or {@code maxSlots} slots have passed (0 = no limit), then
     * waits for outstanding deliveries and returns the totals. After a stop that wait is bounded (the broker may
     * be away); closing the publisher settles what is still outstanding.
     *
     * @throws IllegalArgumentException if {@code maxSlots} is negative
     */
    PollStatistics run(long maxSlots) throws InterruptedException;

    /** Asks a running {@link #run} to finish after the current slot. Safe from any thread. */
    void stop();

    /** Counters so far (safe from any thread, for metrics and health). */
    PollStatistics statistics();
}
