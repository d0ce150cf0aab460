package org.esa.iss.ports.out;

import java.time.Instant;
import java.util.List;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Orbit;

/** Read access to gold, for queries. */
public interface AltitudeHistory {

    /** Windows starting in {@code [from, to)}, newest first, at most {@code limit}. */
    List<AltitudeWindow> windows(Instant from, Instant to, int limit);

    /** Every window's maximum, for the all-time highest (adapters may answer from statistics). */
    List<AltitudeWindow> allWindows();

    /** Completed orbits, newest first, at most {@code limit}. */
    List<Orbit> orbits(int limit);
}
