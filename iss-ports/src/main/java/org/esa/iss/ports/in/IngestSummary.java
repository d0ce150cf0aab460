package org.esa.iss.ports.in;

import java.time.Duration;

/**
 * Ingestion totals.
 *
 * @param rows        valid records written to bronze
 * @param quarantined invalid records written to quarantine
 * @param skipped     records read again after a restart that a table already held (not written twice)
 * @param commits     table commits made
 * @param elapsed     wall time of the run
 */
public record IngestSummary(long rows, long quarantined, long skipped, long commits, Duration elapsed) {

    /** Records written per second of the run. */
    public double recordsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : (rows + quarantined) / seconds;
    }
}
