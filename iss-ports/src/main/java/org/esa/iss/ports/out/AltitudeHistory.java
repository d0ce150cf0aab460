package org.esa.iss.ports.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.PeakAltitude;

/**
 * Read access to gold, for queries. The query API calls it from several request threads at once, while the refiner
 * commits: an implementation must be thread-safe, and each call must see one committed state of a table.
 */
public interface AltitudeHistory {

    /** Windows starting in {@code [from, to)}, at most {@code limit}, in {@link AltitudeWindow#NEWEST_FIRST} order. */
    List<AltitudeWindow> windows(Instant from, Instant to, int limit);

    /** Every window. */
    List<AltitudeWindow> allWindows();

    /** The all-time highest altitude; adapters holding many windows answer it without a pass over all of them. */
    default Optional<PeakAltitude> highestAltitude() {
        return PeakAltitude.of(allWindows());
    }

    /** Completed orbits, at most {@code limit}, in {@link Orbit#NEWEST_FIRST} order. */
    List<Orbit> orbits(int limit);
}
