package org.esa.iss.ports.in;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.PeakAltitude;

/** Use case: answer questions about altitudes from gold. Read-only. */
public interface QueryAltitudes {

    /** The highest altitude ever recorded in gold, and when. */
    Optional<PeakAltitude> highestAltitude();

    /**
     * Windows starting in {@code [from, to)}, newest first, at most {@code limit}.
     *
     * @throws IllegalArgumentException if {@code limit} is below 1 or {@code from} is not before {@code to}
     */
    List<AltitudeWindow> windows(Instant from, Instant to, int limit);

    /**
     * Completed orbits, newest first, at most {@code limit}.
     *
     * @throws IllegalArgumentException if {@code limit} is below 1
     */
    List<Orbit> orbits(int limit);
}
