package org.esa.iss.app;

import java.util.List;

/** One phase of {@code iss bench}: runs against the run's broker and tables and says what it measured. */
interface BenchPhase {

    /** The name used in {@code --phases}, the table and the JSON. */
    String name();

    /**
     * Whether the phase works through the backlog as fast as it can, and so is run by warm-ups; a phase paced
     * by the clock warms nothing up.
     */
    default boolean backlog() {
        return true;
    }

    /** The phase whose output this one reads in the same run (it must be selected too), or {@code null}. */
    default String reads() {
        return null;
    }

    /**
     * Sets up on the cluster what a running deployment would already have (a topic, a group's coordinator),
     * before the phase is measured.
     */
    default void prepare(BenchRun run) {
    }

    /** Runs the phase once; wall time, CPU and memory are measured around this call. */
    List<Metric> run(BenchRun run) throws Exception;

    /**
     * One measured value.
     *
     * @param label what it is, e.g. {@code rate} or {@code poll-to-bronze p99}
     * @param unit  e.g. {@code rows/s}, {@code ms}, {@code MiB}; empty for a plain count
     */
    record Metric(String label, double value, String unit) {
        /** The JSON key: label and unit in snake case, e.g. {@code rate_rows_per_s}. */
        String key() {
            String both = unit.isEmpty() ? label : label + "_" + unit;
            return both.toLowerCase(java.util.Locale.ROOT).replace("/", "_per_").replaceAll("[^a-z0-9]+", "_")
                    .replaceAll("^_|_$", "");
        }
    }
}
