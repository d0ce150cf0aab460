package org.esa.iss.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything an {@link AltitudeAggregator} knows, as an immutable value: save it next to the output it
 * produced, restore it after a restart, and the aggregator continues exactly where it stopped.
 * {@link AggregatorStateCodec} turns it into text and back.
 *
 * @param windows         the window definition the state was built with
 * @param orbits          the orbit options the state was built with
 * @param watermarkMicros current watermark, or {@link Long#MIN_VALUE} before the first event
 * @param maxEventMicros  newest event time accepted, or {@link Long#MIN_VALUE} before the first event
 * @param lateEvents      events dropped because they were older than the watermark
 * @param duplicateEvents events dropped because the same satellite already had a fix at that time
 * @param tracks          per-satellite progress, in the order satellites were first seen
 */
public record AggregatorState(
        WindowSpec windows,
        OrbitOptions orbits,
        long watermarkMicros,
        long maxEventMicros,
        long lateEvents,
        long duplicateEvents,
        List<Track> tracks) {

    public AggregatorState {
        Objects.requireNonNull(windows, "windows");
        Objects.requireNonNull(orbits, "orbits");
        if (lateEvents < 0 || duplicateEvents < 0) {
            throw new IllegalArgumentException("late and duplicate event counts cannot be negative, got " + lateEvents
                    + " and " + duplicateEvents);
        }
        tracks = List.copyOf(tracks);
        Set<Long> satellites = new HashSet<>();
        for (Track track : tracks) {
            if (!satellites.add(track.satelliteId())) {
                throw new IllegalArgumentException("satellite " + track.satelliteId() + " has two tracks");
            }
            OpenWindow window = track.window();
            if (window != null && windows.windowStartMicros(window.startMicros()) != window.startMicros()) {
                throw new IllegalArgumentException("satellite " + track.satelliteId() + "'s open window starts at "
                        + window.startMicros() + " µs, not at a window boundary of " + windows.size());
            }
            if (window != null && (windows.windowStartMicros(window.maxAtMicros()) != window.startMicros()
                    || windows.windowStartMicros(window.minAtMicros()) != window.startMicros())) {
                throw new IllegalArgumentException("satellite " + track.satelliteId() + "'s open window starting at "
                        + window.startMicros() + " µs has its extremes at " + window.maxAtMicros() + " and "
                        + window.minAtMicros() + " µs, outside it");
            }
        }
    }

    /** The state of an aggregator that has seen nothing. */
    public static AggregatorState initial(WindowSpec windows, OrbitOptions orbits) {
        return new AggregatorState(windows, orbits, Long.MIN_VALUE, Long.MIN_VALUE, 0, 0, List.of());
    }

    /**
     * One satellite's progress. Nullable components are absent until the first fix that sets them.
     *
     * @param satelliteId     NORAD catalogue number
     * @param pending         accepted fixes not yet passed by the watermark, in event-time order
     * @param window          the window being filled, or {@code null}
     * @param lastReleased    the newest fix already aggregated, or {@code null}
     * @param orbit           the revolution in progress, or {@code null} before the first ascending node
     * @param highest         the highest fix aggregated so far, or {@code null}
     * @param abandonedOrbits revolutions dropped because of a gap longer than {@link OrbitOptions#abandonAfter()}
     */
    public record Track(
            long satelliteId,
            List<Fix> pending,
            OpenWindow window,
            Fix lastReleased,
            OrbitProgress orbit,
            Fix highest,
            long abandonedOrbits) {
        public Track {
            if (satelliteId <= 0) {
                throw new IllegalArgumentException("a track's satellite id must be a positive NORAD catalogue number, got " + satelliteId);
            }
            pending = List.copyOf(pending);
            long previous = Long.MIN_VALUE;
            for (Fix fix : pending) {
                requireOwn(satelliteId, fix, "pending");
                if (fix.eventMicros() <= previous) {
                    throw new IllegalArgumentException("satellite " + satelliteId + "'s pending fixes must be in strictly"
                            + " ascending event time, got " + fix.eventMicros() + " µs after " + previous + " µs");
                }
                previous = fix.eventMicros();
            }
            requireOwn(satelliteId, lastReleased, "last released");
            if (lastReleased != null && !pending.isEmpty() && pending.get(0).eventMicros() <= lastReleased.eventMicros()) {
                throw new IllegalArgumentException("satellite " + satelliteId + "'s pending fixes must follow the last"
                        + " one released at " + lastReleased.eventMicros() + " µs, got " + pending.get(0).eventMicros() + " µs");
            }
            requireOwn(satelliteId, highest, "highest");
            if (orbit != null) {
                requireOwn(satelliteId, orbit.apogee(), "apogee");
                requireOwn(satelliteId, orbit.perigee(), "perigee");
            }
        }

        /** A fix saved under one satellite's track must be that satellite's, or its windows would be mislabelled. */
        private static void requireOwn(long satelliteId, Fix fix, String role) {
            if (fix != null && fix.satelliteId() != satelliteId) {
                throw new IllegalArgumentException("satellite " + satelliteId + "'s track holds a " + role + " fix of satellite "
                        + fix.satelliteId());
            }
        }
    }

    /** A window that has samples but has not been passed by the watermark yet. */
    public record OpenWindow(long startMicros, double maxAltitudeKm, long maxAtMicros,
                             double minAltitudeKm, long minAtMicros, long samples) {
        public OpenWindow {
            if (samples <= 0) {
                throw new IllegalArgumentException("an open window holds at least one sample, got " + samples);
            }
            if (!(minAltitudeKm <= maxAltitudeKm) || !Double.isFinite(minAltitudeKm) || !Double.isFinite(maxAltitudeKm)
                    || minAltitudeKm <= 0) {
                throw new IllegalArgumentException("an open window needs finite altitudes above the ellipsoid (> 0 km), min"
                        + " <= max, got min " + minAltitudeKm + " and max " + maxAltitudeKm);
            }
        }
    }

    /** A revolution that started at an ascending node and has not reached the next one. */
    public record OrbitProgress(long startMicros, Fix apogee, Fix perigee, long samples,
                                int gaps, long gapMicros, long longestGapMicros) {
        public OrbitProgress {
            Objects.requireNonNull(apogee, "apogee");
            Objects.requireNonNull(perigee, "perigee");
            if (samples < 1 || gaps < 0 || gapMicros < 0 || longestGapMicros < 0) {
                throw new IllegalArgumentException("a revolution in progress holds at least one sample and no negative gap,"
                        + " got " + samples + " samples, " + gaps + " gaps of " + gapMicros + " µs, the longest "
                        + longestGapMicros + " µs");
            }
            if (apogee.altitudeKm() < perigee.altitudeKm()) {
                throw new IllegalArgumentException("a revolution's apogee " + apogee.altitudeKm() + " km is below its perigee "
                        + perigee.altitudeKm() + " km");
            }
            if (apogee.eventMicros() < startMicros || perigee.eventMicros() < startMicros) {
                throw new IllegalArgumentException("a revolution's apogee and perigee cannot precede its start at "
                        + startMicros + " µs");
            }
        }
    }
}
