package org.esa.iss.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The highest altitude a satellite reached over some set of windows, and when.
 *
 * @param satelliteId NORAD catalogue number
 * @param altitudeKm  the altitude
 * @param at          the event time of the fix
 */
public record PeakAltitude(long satelliteId, double altitudeKm, Instant at) {

    /** The highest of the windows' maxima; the earliest on ties. */
    public static Optional<PeakAltitude> of(Iterable<AltitudeWindow> windows) {
        AltitudeWindow best = null;
        for (AltitudeWindow w : windows) {
            if (best == null || w.maxAltitudeKm() > best.maxAltitudeKm()
                    || (w.maxAltitudeKm() == best.maxAltitudeKm() && w.maxAt().isBefore(best.maxAt()))) {
                best = w;
            }
        }
        return best == null ? Optional.empty() : Optional.of(new PeakAltitude(best.satelliteId(), best.maxAltitudeKm(), best.maxAt()));
    }
}
