package org.esa.iss.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The highest altitude a satellite reached over some set of windows, and when.
 *
 * @param satelliteId NORAD catalogue number
 * @param altitudeKm  the altitude
 * @param at          the event time of the fix
 */
public record PeakAltitude(long satelliteId, double altitudeKm, Instant at) {

    public PeakAltitude {
        if (satelliteId <= 0) {
            throw new IllegalArgumentException("satellite id must be a positive NORAD catalogue number, got " + satelliteId);
        }
        if (!Double.isFinite(altitudeKm) || altitudeKm <= 0) {
            throw new IllegalArgumentException("a peak altitude must be finite and above the ellipsoid (> 0 km), as every"
                    + " fix's is, got " + altitudeKm);
        }
        Objects.requireNonNull(at, "at");
    }

    /** The highest of the windows' maxima; the earliest on ties, then the lowest satellite id. */
    public static Optional<PeakAltitude> of(Iterable<AltitudeWindow> windows) {
        AltitudeWindow best = null;
        for (AltitudeWindow w : windows) {
            if (best == null || higher(w.maxAltitudeKm(), w.maxAt(), w.satelliteId(), best.maxAltitudeKm(), best.maxAt(), best.satelliteId())) {
                best = w;
            }
        }
        return best == null ? Optional.empty() : Optional.of(new PeakAltitude(best.satelliteId(), best.maxAltitudeKm(), best.maxAt()));
    }

    /**
     * The highest of several peaks by the same rule, so that the peak of a union is the peak of its parts' peaks
     * (an adapter may keep one per data file).
     */
    public static Optional<PeakAltitude> highestOf(Iterable<PeakAltitude> peaks) {
        PeakAltitude best = null;
        for (PeakAltitude p : peaks) {
            if (best == null || higher(p.altitudeKm(), p.at(), p.satelliteId(), best.altitudeKm(), best.at(), best.satelliteId())) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }

    /** A total order, so that the answer does not depend on the order windows are read in. */
    private static boolean higher(double altitudeKm, Instant at, long satelliteId, double thanAltitudeKm, Instant thanAt,
                                  long thanSatelliteId) {
        if (altitudeKm != thanAltitudeKm) {
            return altitudeKm > thanAltitudeKm;
        }
        return at.isBefore(thanAt) || (at.equals(thanAt) && satelliteId < thanSatelliteId);
    }
}
