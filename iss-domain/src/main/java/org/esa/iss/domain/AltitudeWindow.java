package org.esa.iss.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * The altitude extremes of one satellite in one finalized event-time window.
 * When several fixes share the extreme altitude, the earliest is reported.
 *
 * @param satelliteId   NORAD catalogue number
 * @param start         window start, inclusive
 * @param end           window end, exclusive
 * @param maxAltitudeKm highest altitude in the window
 * @param maxAt         event time of the highest fix
 * @param minAltitudeKm lowest altitude in the window
 * @param minAt         event time of the lowest fix
 * @param samples       distinct fixes (by satellite and event time) in the window
 */
public record AltitudeWindow(
        long satelliteId,
        Instant start,
        Instant end,
        double maxAltitudeKm,
        Instant maxAt,
        double minAltitudeKm,
        Instant minAt,
        long samples) {

    /** The order queries list windows in: newest start first, then by satellite, so that every store agrees. */
    public static final Comparator<AltitudeWindow> NEWEST_FIRST =
            Comparator.comparing(AltitudeWindow::start).reversed().thenComparingLong(AltitudeWindow::satelliteId);

    public AltitudeWindow {
        if (satelliteId <= 0) {
            throw new IllegalArgumentException("satellite id must be a positive NORAD catalogue number, got " + satelliteId);
        }
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(maxAt, "maxAt");
        Objects.requireNonNull(minAt, "minAt");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("window start " + start + " must precede its end " + end);
        }
        if (samples <= 0) {
            throw new IllegalArgumentException("a window holds at least one sample, got " + samples);
        }
        if (!Double.isFinite(maxAltitudeKm) || !Double.isFinite(minAltitudeKm)) {
            throw new IllegalArgumentException("altitudes must be finite, got max " + maxAltitudeKm + " and min " + minAltitudeKm);
        }
        if (minAltitudeKm <= 0) {
            throw new IllegalArgumentException("altitudes must be above the ellipsoid (> 0 km), as every fix's is, got min "
                    + minAltitudeKm);
        }
        if (minAltitudeKm > maxAltitudeKm) {
            throw new IllegalArgumentException("min altitude " + minAltitudeKm + " exceeds max " + maxAltitudeKm);
        }
        for (Instant at : new Instant[] {maxAt, minAt}) {
            if (at.isBefore(start) || !at.isBefore(end)) {
                throw new IllegalArgumentException("the extremes' times must lie in the window [" + start + ", " + end
                        + "), got " + at);
            }
        }
    }
}
