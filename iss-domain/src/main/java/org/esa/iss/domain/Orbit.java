package org.esa.iss.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One completed revolution, from an ascending node (latitude crossing south to north) to the next.
 * Node times are interpolated linearly between the two fixes around the crossing.
 *
 * <p>Gaps are marked, not hidden: an interval between consecutive fixes longer than the tracker's gap
 * threshold counts as a gap, and {@code coverage} is the fraction of the period not inside a gap.
 *
 * @param satelliteId  NORAD catalogue number
 * @param start        ascending node that opens the revolution
 * @param end          ascending node that closes it
 * @param apogee       highest fix of the revolution
 * @param perigee      lowest fix of the revolution
 * @param samples      fixes inside the revolution
 * @param gaps         intervals between fixes longer than the gap threshold
 * @param longestGap   the longest interval between consecutive fixes (zero with fewer than two fixes)
 * @param coverage     1 minus the gap time over the period, in [0, 1]
 */
public record Orbit(
        long satelliteId,
        Instant start,
        Instant end,
        Fix apogee,
        Fix perigee,
        long samples,
        int gaps,
        Duration longestGap,
        double coverage) {

    /** The order queries list orbits in: newest start first, then by satellite, so that every store agrees. */
    public static final Comparator<Orbit> NEWEST_FIRST =
            Comparator.comparing(Orbit::start).reversed().thenComparingLong(Orbit::satelliteId);

    public Orbit {
        if (satelliteId <= 0) {
            throw new IllegalArgumentException("satellite id must be a positive NORAD catalogue number, got " + satelliteId);
        }
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("orbit start " + start + " must precede its end " + end);
        }
        Objects.requireNonNull(apogee, "apogee");
        Objects.requireNonNull(perigee, "perigee");
        if (apogee.satelliteId() != satelliteId || perigee.satelliteId() != satelliteId) {
            throw new IllegalArgumentException("the apogee and perigee of satellite " + satelliteId + "'s orbit are fixes of"
                    + " satellites " + apogee.satelliteId() + " and " + perigee.satelliteId());
        }
        if (apogee.altitudeKm() < perigee.altitudeKm()) {
            throw new IllegalArgumentException("apogee " + apogee.altitudeKm() + " km is below perigee " + perigee.altitudeKm() + " km");
        }
        if (samples < 0 || gaps < 0) {
            throw new IllegalArgumentException("samples and gaps cannot be negative, got " + samples + " and " + gaps);
        }
        Objects.requireNonNull(longestGap, "longestGap");
        if (longestGap.isNegative()) {
            throw new IllegalArgumentException("the longest gap cannot be negative, got " + longestGap);
        }
        if (!(coverage >= 0 && coverage <= 1)) { // NaN too
            throw new IllegalArgumentException("coverage must be within [0, 1], got " + coverage);
        }
    }

    /** Time from one ascending node to the next. */
    public Duration period() {
        return Duration.between(start, end);
    }
}
