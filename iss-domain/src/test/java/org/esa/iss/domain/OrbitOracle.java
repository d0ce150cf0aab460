package org.esa.iss.domain;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Brute-force orbits, from the whole input at once rather than fix by fix: keep what the windows' rules accept (first
 * arrival of each satellite and time, nothing older than the running watermark) and the final watermark has passed,
 * sort each satellite's fixes by time, find every ascending node, and describe each revolution between two nodes
 * that no interval longer than the abandon limit separates.
 */
final class OrbitOracle {
    private OrbitOracle() {
    }

    /** A node, and the fix that closes the interval the node lies in: the first fix of the revolution it starts. */
    private record Node(long micros, int firstFix) {
    }

    static List<Orbit> orbits(List<Fix> arrivals, WindowSpec spec, OrbitOptions options) {
        WindowOracle.Accepted accepted = WindowOracle.accepted(arrivals, spec);
        long released = accepted.watermark();
        List<Orbit> orbits = new ArrayList<>();
        accepted.fixes().stream().map(Fix::satelliteId).distinct().sorted().forEach(satellite -> orbits.addAll(
                revolutions(accepted.fixes().stream().filter(f -> f.satelliteId() == satellite && f.eventMicros() < released)
                        .sorted(Comparator.comparingLong(Fix::eventMicros)).toList(), options)));
        return orbits;
    }

    private static List<Orbit> revolutions(List<Fix> track, OrbitOptions options) {
        long abandon = Micros.of(options.abandonAfter());
        List<Orbit> orbits = new ArrayList<>();
        Node start = null;
        for (int i = 1; i < track.size(); i++) {
            Fix before = track.get(i - 1);
            Fix after = track.get(i);
            long interval = after.eventMicros() - before.eventMicros();
            if (interval > abandon) {
                start = null; // the revolution in progress, if any, is dropped
            } else if (before.latitude() < 0 && after.latitude() >= 0) {
                // the same interpolation as the tracker's: the node's microsecond must match exactly
                long micros = Math.min(after.eventMicros(), before.eventMicros()
                        + Math.round(interval * (-before.latitude() / (after.latitude() - before.latitude()))));
                Node end = new Node(micros, i);
                if (start != null && end.micros() > start.micros()) {
                    orbits.add(revolution(track, start, end, options));
                }
                start = end;
            }
        }
        return orbits;
    }

    /**
     * The revolution from {@code start} to {@code end}: its fixes are those from the first at or after its node to
     * the last before the next node; every interval between fixes that reaches into it counts, whole, for its longest
     * gap, and the part inside it counts as a gap when the interval is longer than the threshold.
     */
    private static Orbit revolution(List<Fix> track, Node start, Node end, OrbitOptions options) {
        long threshold = Micros.of(options.gapThreshold());
        int gaps = 0;
        long gapMicros = 0;
        long longest = 0;
        for (int i = start.firstFix(); i <= end.firstFix(); i++) {
            long from = Math.max(track.get(i - 1).eventMicros(), start.micros());
            long to = Math.min(track.get(i).eventMicros(), end.micros());
            if (to > from) {
                long interval = track.get(i).eventMicros() - track.get(i - 1).eventMicros();
                longest = Math.max(longest, interval);
                if (interval > threshold) {
                    gaps++;
                    gapMicros += to - from;
                }
            }
        }
        List<Fix> fixes = track.subList(start.firstFix(), end.firstFix());
        Fix apogee = fixes.stream().max(Comparator.comparingDouble(Fix::altitudeKm)
                .thenComparing(Comparator.comparingLong(Fix::eventMicros).reversed())).orElseThrow();
        Fix perigee = fixes.stream().min(Comparator.comparingDouble(Fix::altitudeKm)
                .thenComparingLong(Fix::eventMicros)).orElseThrow();
        long period = end.micros() - start.micros();
        double coverage = Math.max(0.0, Math.min(1.0, 1.0 - (double) gapMicros / period));
        return new Orbit(apogee.satelliteId(), Micros.toInstant(start.micros()), Micros.toInstant(end.micros()), apogee,
                perigee, fixes.size(), gaps, Duration.of(longest, ChronoUnit.MICROS), coverage);
    }
}
