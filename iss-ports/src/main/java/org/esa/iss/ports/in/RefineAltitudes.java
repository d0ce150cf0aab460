package org.esa.iss.ports.in;

/**
 * Use case: refine bronze into the gold tables (altitude windows, orbits), exactly once. A service is run once;
 * {@link #stop()} before {@link #run} makes the run return at once.
 */
public interface RefineAltitudes {

    /**
     * Refines until stopped, or with {@code untilCaughtUp} until bronze's latest version at start is consumed.
     *
     * @throws IllegalStateException when gold was built with other window options, for other satellites or from
     *         another bronze table (the message says which, and that deleting gold rebuilds it from bronze)
     * @throws org.esa.iss.ports.out.BronzeChangeLog.BronzeHistoryMissing when bronze no longer holds what gold has
     *         not read yet (the message says how to recover)
     * @throws RuntimeException a table's failure, after which nothing more is committed
     */
    RefineSummary run(boolean untilCaughtUp) throws InterruptedException;

    /** Asks a running {@link #run} to commit and return. Safe from any thread. */
    void stop();

    /** Asks a running {@link #run} to consume bronze up to its latest version now, commit, and return. */
    void drain();

    /** Progress so far (safe from any thread). */
    RefineSummary progress();
}
