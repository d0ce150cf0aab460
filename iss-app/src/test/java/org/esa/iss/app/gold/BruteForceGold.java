package org.esa.iss.app.gold;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Fix;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.WindowSpec;

/**
 * Gold computed the slow, obvious way over everything a bronze table holds, without the streaming
 * aggregator: distinct fixes per (satellite, second), grouped by window, windows the final watermark has
 * passed, extremes with the earliest fix winning ties.
 */
final class BruteForceGold {
    private final WindowSpec spec;
    /** Distinct fixes per satellite by event time; the first delivered wins. */
    private final Map<Long, TreeMap<Long, Fix>> fixes = new LinkedHashMap<>();

    private BruteForceGold(WindowSpec spec, Collection<Telemetry> delivered) {
        this.spec = spec;
        for (Telemetry t : delivered) {
            Fix fix = t.toFix();
            fixes.computeIfAbsent(fix.satelliteId(), id -> new TreeMap<>()).putIfAbsent(fix.eventMicros(), fix);
        }
    }

    /** Over every fix delivered (duplicates included), for the original system's windows. */
    static BruteForceGold of(Collection<Telemetry> delivered) {
        return new BruteForceGold(WindowSpec.DEFAULT, delivered);
    }

    /** Newest event time minus the watermark delay. */
    long finalWatermarkMicros() {
        long newest = fixes.values().stream().mapToLong(TreeMap::lastKey).max().orElseThrow();
        return newest - spec.watermarkDelay().toNanos() / 1_000;
    }

    /** Windows whose end the final watermark has reached, by satellite and start. */
    List<AltitudeWindow> windows() {
        long size = spec.size().toNanos() / 1_000;
        long watermark = finalWatermarkMicros();
        List<AltitudeWindow> windows = new ArrayList<>();
        fixes.forEach((satellite, track) -> {
            TreeMap<Long, List<Fix>> byWindow = new TreeMap<>();
            track.values().forEach(f -> byWindow.computeIfAbsent(Math.floorDiv(f.eventMicros(), size) * size,
                    start -> new ArrayList<>()).add(f));
            byWindow.forEach((start, members) -> {
                if (start + size <= watermark) {
                    windows.add(window(satellite, start, size, members));
                }
            });
        });
        windows.sort(GoldFixture.WINDOW_ORDER);
        return windows;
    }

    private static AltitudeWindow window(long satellite, long start, long size, List<Fix> members) {
        Fix highest = members.get(0);
        Fix lowest = members.get(0);
        for (Fix f : members) {
            // members are in event-time order, so strict comparisons keep the earliest of equal extremes
            if (f.altitudeKm() > highest.altitudeKm()) {
                highest = f;
            }
            if (f.altitudeKm() < lowest.altitudeKm()) {
                lowest = f;
            }
        }
        return new AltitudeWindow(satellite, micros(start), micros(start + size), highest.altitudeKm(),
                highest.eventTime(), lowest.altitudeKm(), lowest.eventTime(), members.size());
    }

    /** Distinct fixes of a satellite with event time in {@code [from, to]}, in event-time order. */
    List<Fix> fixesBetween(long satellite, Instant from, Instant to) {
        return List.copyOf(fixes.get(satellite).subMap(micros(from), true, micros(to), true).values());
    }

    /**
     * Ascending nodes of a satellite that the final watermark has released (the fix after the crossing is
     * older than the watermark), each interpolated linearly between the fixes around the crossing.
     */
    List<Instant> ascendingNodes(long satellite) {
        long watermark = finalWatermarkMicros();
        List<Instant> nodes = new ArrayList<>();
        Fix previous = null;
        for (Fix fix : fixes.get(satellite).values()) {
            if (fix.eventMicros() >= watermark) {
                break;
            }
            if (previous != null && previous.latitude() < 0 && fix.latitude() >= 0) {
                double fraction = -previous.latitude() / (fix.latitude() - previous.latitude());
                long interval = fix.eventMicros() - previous.eventMicros();
                nodes.add(micros(previous.eventMicros() + Math.round(interval * fraction)));
            }
            previous = fix;
        }
        return nodes;
    }

    /** How far apart two instants are, in seconds. */
    static double secondsBetween(Instant a, Instant b) {
        return Math.abs(Duration.between(a, b).toNanos()) / 1e9;
    }

    private static Instant micros(long epochMicros) {
        return Instant.EPOCH.plusNanos(epochMicros * 1_000);
    }

    private static long micros(Instant instant) {
        return Math.multiplyExact(instant.getEpochSecond(), 1_000_000L) + instant.getNano() / 1_000;
    }
}
