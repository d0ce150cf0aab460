package org.esa.iss.ports.in;

/**
 * Use case: refine bronze into the gold tables (altitude windows, orbits), exactly once. A service is run once;
 * {@link #stop()} before {@link #run} makes the run return at once.
 */
public interface RefineAltitudes {

    /** Refines until stopped, or with {@code untilCaughtUp} until bronze's latest version at start is consumed. */
    RefineSummary run(boolean untilCaughtUp) throws InterruptedException;

    /** Asks a running {@link #run} to commit and return. Safe from any thread. */
    void stop();

    /** Asks a running {@link #run} to consume bronze up to its latest version now, commit, and return. */
    void drain();

    /** Progress so far (safe from any thread). */
    RefineSummary progress();
}
