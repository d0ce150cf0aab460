package org.esa.iss.domain;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * One satellite's aggregation: the fixes waiting for the watermark, the window being filled, the
 * revolution in progress and the highest fix. Fixes reach {@link #release} in strict event-time order.
 */
final class SatelliteTrack {
    private final long satelliteId;
    private final long windowSizeMicros;
    private final long gapThresholdMicros;
    private final long abandonAfterMicros;
    private final WindowSpec windows;
    private final PendingFixes pending = new PendingFixes();

    // window being filled; windowSamples == 0 means none
    private long windowStart;
    private double windowMax;
    private long windowMaxAt;
    private double windowMin;
    private long windowMinAt;
    private long windowSamples;

    private Fix lastReleased;
    private Fix highest;
    private AggregatorState.OrbitProgress orbit;
    private long abandonedOrbits;

    SatelliteTrack(long satelliteId, WindowSpec windows, OrbitOptions orbits) {
        this.satelliteId = satelliteId;
        this.windows = windows;
        this.windowSizeMicros = windows.sizeMicros();
        this.gapThresholdMicros = Micros.of(orbits.gapThreshold());
        this.abandonAfterMicros = Micros.of(orbits.abandonAfter());
    }

    static SatelliteTrack restore(AggregatorState.Track saved, WindowSpec windows, OrbitOptions orbits) {
        SatelliteTrack track = new SatelliteTrack(saved.satelliteId(), windows, orbits);
        for (Fix fix : saved.pending()) {
            track.pending.insert(fix);
        }
        AggregatorState.OpenWindow window = saved.window();
        if (window != null) {
            track.windowStart = window.startMicros();
            track.windowMax = window.maxAltitudeKm();
            track.windowMaxAt = window.maxAtMicros();
            track.windowMin = window.minAltitudeKm();
            track.windowMinAt = window.minAtMicros();
            track.windowSamples = window.samples();
        }
        track.lastReleased = saved.lastReleased();
        track.orbit = saved.orbit();
        track.highest = saved.highest();
        track.abandonedOrbits = saved.abandonedOrbits();
        return track;
    }

    AggregatorState.Track snapshot() {
        AggregatorState.OpenWindow window = windowSamples == 0 ? null
                : new AggregatorState.OpenWindow(windowStart, windowMax, windowMaxAt, windowMin, windowMinAt, windowSamples);
        return new AggregatorState.Track(satelliteId, pending.toList(), window, lastReleased, orbit, highest, abandonedOrbits);
    }

    long satelliteId() {
        return satelliteId;
    }

    Fix highest() {
        return highest;
    }

    /** Queues a fix for the watermark; false if this satellite already has a fix at that time. */
    boolean offer(Fix fix) {
        return pending.insert(fix);
    }

    /** Aggregates every pending fix the watermark has passed and emits the windows it closes. */
    void advance(long watermarkMicros, AggregationSink sink) {
        while (!pending.isEmpty() && pending.first().eventMicros() < watermarkMicros) {
            release(pending.removeFirst(), sink);
        }
        if (windowSamples > 0 && windowStart + windowSizeMicros <= watermarkMicros) {
            emitWindow(sink);
        }
    }

    private void release(Fix fix, AggregationSink sink) {
        addToWindow(fix, sink);
        trackOrbit(fix, sink);
        if (highest == null || fix.altitudeKm() > highest.altitudeKm()) {
            highest = fix;
        }
        lastReleased = fix;
    }

    private void addToWindow(Fix fix, AggregationSink sink) {
        long start = windows.windowStartMicros(fix.eventMicros());
        if (windowSamples > 0 && start != windowStart) {
            emitWindow(sink);
        }
        double altitude = fix.altitudeKm();
        if (windowSamples == 0) {
            windowStart = start;
            windowMax = altitude;
            windowMin = altitude;
            windowMaxAt = fix.eventMicros();
            windowMinAt = fix.eventMicros();
        } else if (altitude > windowMax) {
            windowMax = altitude;
            windowMaxAt = fix.eventMicros();
        } else if (altitude < windowMin) {
            windowMin = altitude;
            windowMinAt = fix.eventMicros();
        }
        windowSamples++;
    }

    private void emitWindow(AggregationSink sink) {
        sink.windowClosed(new AltitudeWindow(satelliteId, Micros.toInstant(windowStart),
                Micros.toInstant(windowStart + windowSizeMicros), windowMax, Micros.toInstant(windowMaxAt),
                windowMin, Micros.toInstant(windowMinAt), windowSamples));
        windowSamples = 0;
    }

    private void trackOrbit(Fix fix, AggregationSink sink) {
        Fix previous = lastReleased;
        if (previous == null) {
            return;
        }
        long interval = fix.eventMicros() - previous.eventMicros();
        if (interval > abandonAfterMicros) {
            if (orbit != null) {
                abandonedOrbits++;
                orbit = null;
            }
            return;
        }
        if (previous.latitude() < 0 && fix.latitude() >= 0) {
            // at most the fix's own time: over centuries a double's rounding could put it a microsecond after
            long node = Math.min(fix.eventMicros(), previous.eventMicros()
                    + Math.round(interval * (-previous.latitude() / (fix.latitude() - previous.latitude()))));
            if (orbit != null && node > orbit.startMicros()) {
                boolean beforeNode = node > previous.eventMicros();
                long gapBefore = beforeNode && interval > gapThresholdMicros ? node - previous.eventMicros() : 0;
                emitOrbit(node, gapBefore, beforeNode ? interval : 0, sink);
            }
            // The interval across the node belongs to each revolution it reaches into: its part after the node is
            // this one's gap, and it is as long here as in the one it closed. A node on a fix leaves one side none.
            boolean acrossNode = fix.eventMicros() > node;
            boolean gapAfterNode = acrossNode && interval > gapThresholdMicros;
            orbit = new AggregatorState.OrbitProgress(node, fix, fix, 1,
                    gapAfterNode ? 1 : 0, gapAfterNode ? fix.eventMicros() - node : 0, acrossNode ? interval : 0);
            return;
        }
        if (orbit != null) {
            boolean gap = interval > gapThresholdMicros;
            orbit = new AggregatorState.OrbitProgress(orbit.startMicros(),
                    fix.altitudeKm() > orbit.apogee().altitudeKm() ? fix : orbit.apogee(),
                    fix.altitudeKm() < orbit.perigee().altitudeKm() ? fix : orbit.perigee(),
                    orbit.samples() + 1,
                    orbit.gaps() + (gap ? 1 : 0),
                    orbit.gapMicros() + (gap ? interval : 0),
                    Math.max(orbit.longestGapMicros(), interval));
        }
    }

    private void emitOrbit(long endMicros, long gapBeforeNode, long interval, AggregationSink sink) {
        long period = endMicros - orbit.startMicros();
        int gaps = orbit.gaps() + (gapBeforeNode > 0 ? 1 : 0);
        long gapMicros = orbit.gapMicros() + gapBeforeNode;
        long longest = Math.max(orbit.longestGapMicros(), interval);
        double coverage = Math.max(0.0, Math.min(1.0, 1.0 - (double) gapMicros / period));
        sink.orbitCompleted(new Orbit(satelliteId, Micros.toInstant(orbit.startMicros()), Micros.toInstant(endMicros),
                orbit.apogee(), orbit.perigee(), orbit.samples(), gaps, Duration.of(longest, ChronoUnit.MICROS), coverage));
    }
}
