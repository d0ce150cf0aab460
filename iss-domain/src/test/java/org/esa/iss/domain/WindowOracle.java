package org.esa.iss.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Brute-force windows: deduplicate by (satellite, time) keeping the first arrival, drop events older
 * than the running watermark, group by window and keep the windows the final watermark has passed.
 */
final class WindowOracle {
    private WindowOracle() {
    }

    /** What the rules accept, in arrival order, and the watermark after the last arrival. */
    record Accepted(List<Fix> fixes, long watermark) {
    }

    /** The first arrival of each satellite and time, unless older than the running watermark. */
    static Accepted accepted(List<Fix> arrivals, WindowSpec spec) {
        long watermark = Long.MIN_VALUE;
        long max = Long.MIN_VALUE;
        Set<String> seen = new HashSet<>();
        List<Fix> accepted = new ArrayList<>();
        for (Fix fix : arrivals) {
            if (fix.eventMicros() >= watermark && seen.add(fix.satelliteId() + "@" + fix.eventMicros())) {
                accepted.add(fix);
                max = Math.max(max, fix.eventMicros());
                watermark = Math.max(watermark, max - spec.delayMicros());
            }
        }
        return new Accepted(accepted, watermark);
    }

    /** How many arrivals the rule drops: {late, duplicates}; a late duplicate counts as late (it is judged first). */
    static long[] lateAndDuplicates(List<Fix> arrivals, WindowSpec spec) {
        long watermark = Long.MIN_VALUE;
        long max = Long.MIN_VALUE;
        Set<String> seen = new HashSet<>();
        long late = 0;
        long duplicates = 0;
        for (Fix fix : arrivals) {
            if (fix.eventMicros() < watermark) {
                late++;
            } else if (!seen.add(fix.satelliteId() + "@" + fix.eventMicros())) {
                duplicates++;
            } else {
                max = Math.max(max, fix.eventMicros());
                watermark = Math.max(watermark, max - spec.delayMicros());
            }
        }
        return new long[] {late, duplicates};
    }

    static List<AltitudeWindow> windows(List<Fix> arrivals, WindowSpec spec) {
        return windows(arrivals, spec, false);
    }

    /** With {@code finished}, every window of an accepted fix, as after the end of the input. */
    static List<AltitudeWindow> windows(List<Fix> arrivals, WindowSpec spec, boolean finished) {
        long size = spec.sizeMicros();
        Accepted accepted = accepted(arrivals, spec);
        long watermark = accepted.watermark();
        TreeMap<String, List<Fix>> byWindow = new TreeMap<>();
        for (Fix fix : accepted.fixes()) {
            long start = Math.floorDiv(fix.eventMicros(), size) * size;
            byWindow.computeIfAbsent(String.format("%020d|%025d", fix.satelliteId(), start + Long.MAX_VALUE / 2), k -> new ArrayList<>()).add(fix);
        }
        List<AltitudeWindow> result = new ArrayList<>();
        for (List<Fix> members : byWindow.values()) {
            long start = Math.floorDiv(members.get(0).eventMicros(), size) * size;
            if (!finished && start + size > watermark) {
                continue;
            }
            Fix highest = null;
            Fix lowest = null;
            for (Fix f : members) {
                if (highest == null || f.altitudeKm() > highest.altitudeKm()
                        || (f.altitudeKm() == highest.altitudeKm() && f.eventMicros() < highest.eventMicros())) {
                    highest = f;
                }
                if (lowest == null || f.altitudeKm() < lowest.altitudeKm()
                        || (f.altitudeKm() == lowest.altitudeKm() && f.eventMicros() < lowest.eventMicros())) {
                    lowest = f;
                }
            }
            result.add(new AltitudeWindow(members.get(0).satelliteId(), Micros.toInstant(start), Micros.toInstant(start + size),
                    highest.altitudeKm(), highest.eventTime(), lowest.altitudeKm(), lowest.eventTime(), members.size()));
        }
        return result;
    }
}
