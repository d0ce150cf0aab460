package org.esa.iss.ports.out;

import java.time.Instant;
import java.util.List;

/**
 * The source of positions: the live ground-control API, or a simulator that answers like it.
 * Implementations must honour the deadline: a call never returns later than it (plus scheduling noise).
 */
public interface GroundControl {

    /**
     * The satellite's position now.
     *
     * @param deadline when the answer is no longer useful; the call gives up by then
     * @throws GroundControlFailure what went wrong, case by case; the only exception a call may throw
     */
    Observation currentPosition(Instant deadline) throws GroundControlFailure;

    /**
     * Positions at given unix-second timestamps (used to backfill slots missed during an outage).
     * At most {@link #maxPositionsPerCall()} timestamps per call. The answer holds one position per timestamp
     * asked, or the call fails: the poller counts the seconds it asked for as fetched.
     *
     * @throws GroundControlFailure what went wrong, case by case; it is the only exception a call may throw, since
     *                              the poller treats anything else as a defect and stops
     */
    List<Observation> positionsAt(List<Long> timestamps, Instant deadline) throws GroundControlFailure;

    /** How many timestamps {@link #positionsAt} accepts at once (the API allows 10). */
    default int maxPositionsPerCall() {
        return 10;
    }

    /** What every record from here carries as its {@code source} header: {@code api} or {@code simulator}. */
    String source();
}
