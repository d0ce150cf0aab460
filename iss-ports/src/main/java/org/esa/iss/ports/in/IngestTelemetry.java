package org.esa.iss.ports.in;

/** Use case: move the telemetry feed into the bronze and quarantine tables, each offset exactly once. */
public interface IngestTelemetry {

    /**
     * Ingests until stopped, or with {@code untilCaughtUp} until every partition reaches the end offset
     * it had when the run started; flushes and commits before returning.
     */
    IngestSummary run(boolean untilCaughtUp);

    /** Asks a running {@link #run} to flush, commit and return. Safe from any thread. */
    void stop();

    /**
     * Asks a running {@link #run} to ingest everything published up to now (the end offsets at this
     * moment), commit, and return: the clean way to shut down once producers have stopped.
     */
    void drain();

    /** Progress so far (safe from any thread). */
    IngestSummary progress();
}
