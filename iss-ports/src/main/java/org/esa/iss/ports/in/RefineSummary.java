package org.esa.iss.ports.in;

import java.time.Duration;

/**
 * Refinement totals.
 *
 * @param bronzeVersion last bronze version consumed (-1 if none)
 * @param fixes         bronze rows read
 * @param windows       windows written to gold
 * @param orbits        orbits written to gold
 * @param lateEvents    fixes dropped as late (total in the saved state)
 * @param aheadEvents   fixes left out in this run for lying too far ahead of their reception
 * @param commits       gold commits made
 * @param elapsed       wall time of the run
 */
public record RefineSummary(long bronzeVersion, long fixes, long windows, long orbits, long lateEvents,
                            long aheadEvents, long commits, Duration elapsed) {

    /** Bronze rows read per second of the run. */
    public double fixesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : fixes / seconds;
    }
}
