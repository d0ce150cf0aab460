package org.esa.iss.adapter.delta;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.PeakAltitude;
import org.esa.iss.ports.out.AltitudeHistory;

/**
 * Queries over the gold Delta tables, answered from their current snapshots. Each data file is decoded once and
 * kept sorted with its highest window, so a query costs a binary search or a comparison per file rather than a
 * pass over every window the table holds.
 */
public final class DeltaAltitudeHistory implements AltitudeHistory {
    private final CachedGoldRows<AltitudeWindow, WindowFile> windows;
    private final CachedGoldRows<Orbit, List<Orbit>> orbits;

    /**
     * @param windowsDir the {@code altitude_windows} table
     * @param orbitsDir  the {@code orbits} table
     */
    public DeltaAltitudeHistory(String windowsDir, String orbitsDir) {
        this.windows = new CachedGoldRows<>(new TableLog(TableStorage.at(windowsDir), GoldLayouts.WINDOWS_LAYOUT),
                GoldLayouts::readWindow, WindowFile::new);
        this.orbits = new CachedGoldRows<>(new TableLog(TableStorage.at(orbitsDir), GoldLayouts.ORBITS_LAYOUT),
                GoldLayouts.Orbits::read, List::copyOf);
    }

    @Override
    public List<AltitudeWindow> windows(Instant from, Instant to, int limit) {
        List<AltitudeWindow> found = new ArrayList<>();
        for (WindowFile file : windows.files()) {
            file.collect(from, to, limit, found);
        }
        found.sort(AltitudeWindow.NEWEST_FIRST);
        return List.copyOf(found.subList(0, Math.min(found.size(), Math.max(0, limit))));
    }

    @Override
    public Optional<PeakAltitude> highestAltitude() {
        List<PeakAltitude> perFile = new ArrayList<>();
        for (WindowFile file : windows.files()) {
            file.peak.ifPresent(perFile::add);
        }
        return PeakAltitude.highestOf(perFile);
    }

    @Override
    public List<AltitudeWindow> allWindows() {
        List<AltitudeWindow> all = new ArrayList<>();
        for (WindowFile file : windows.files()) {
            all.addAll(file.newestFirst);
        }
        return all;
    }

    @Override
    public List<Orbit> orbits(int limit) {
        return orbits.files().stream()
                .flatMap(List::stream)
                .sorted(Orbit.NEWEST_FIRST)
                .limit(Math.max(0, limit))
                .toList();
    }

    /** One data file's windows, newest first, and their peak. */
    private static final class WindowFile {
        final List<AltitudeWindow> newestFirst;
        final Optional<PeakAltitude> peak;

        WindowFile(List<AltitudeWindow> rows) {
            List<AltitudeWindow> sorted = new ArrayList<>(rows);
            sorted.sort(AltitudeWindow.NEWEST_FIRST);
            this.newestFirst = List.copyOf(sorted);
            this.peak = PeakAltitude.of(rows);
        }

        /** Adds this file's windows starting in {@code [from, to)}, at most {@code limit} of the newest. */
        void collect(Instant from, Instant to, int limit, List<AltitudeWindow> out) {
            int first = firstStartingBefore(to);
            for (int i = first; i < newestFirst.size() && i - first < limit; i++) {
                AltitudeWindow w = newestFirst.get(i);
                if (w.start().isBefore(from)) {
                    return;
                }
                out.add(w);
            }
        }

        /** The index of the first (newest) window starting before {@code to}. */
        private int firstStartingBefore(Instant to) {
            int low = 0;
            int high = newestFirst.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (newestFirst.get(mid).start().isBefore(to)) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            return low;
        }
    }
}
