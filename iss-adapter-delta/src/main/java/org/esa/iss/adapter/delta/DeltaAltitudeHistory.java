package org.esa.iss.adapter.delta;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.PeakAltitude;
import org.esa.iss.ports.out.AltitudeHistory;

/**
 * Queries over the gold Delta tables, answered from their current snapshots.
 *
 * <p>Windows (~17,000 a day) are not all held. Each row group of each data file is known by its footer's bounds
 * (first and last start, highest altitude), and by its peak once worked out. A query reads only the row groups
 * those bounds cannot rule out (newest first for {@code windows}, highest first for the peak) and stops once no
 * further one can change the answer. Read row groups are kept up to {@link #DECODED_WINDOWS} windows in all (two
 * full row groups and more), so the recent windows most queries ask for stay in memory, while memory stays bounded
 * however long gold's history grows. Orbits (16 a day) are all held.
 */
public final class DeltaAltitudeHistory implements AltitudeHistory {
    /** Windows kept decoded: about 60 MB, 17 days of one satellite's 5 s windows. */
    static final long DECODED_WINDOWS = 300_000;

    private static final Comparator<WindowRowGroup> LAST_START_FIRST =
            Comparator.comparing((WindowRowGroup b) -> b.bounds.lastStart()).reversed();
    private static final Comparator<WindowRowGroup> HIGHEST_FIRST =
            Comparator.comparingDouble((WindowRowGroup b) -> b.bounds.highestKm()).reversed();

    private final TableStorage windowStorage;
    private final SnapshotFiles<List<WindowRowGroup>> windowFiles;
    private final DecodedWindows decoded;
    private final SnapshotFiles<List<Orbit>> orbits;

    /**
     * @param windowsDir the {@code altitude_windows} table
     * @param orbitsDir  the {@code orbits} table
     */
    public DeltaAltitudeHistory(String windowsDir, String orbitsDir) {
        this(windowsDir, orbitsDir, DECODED_WINDOWS);
    }

    DeltaAltitudeHistory(String windowsDir, String orbitsDir, long decodedWindows) {
        this.windowStorage = TableStorage.at(windowsDir);
        this.windowFiles = new SnapshotFiles<>(new TableLog(windowStorage, GoldLayouts.WINDOWS_LAYOUT),
                path -> WindowRowGroup.of(windowStorage, path));
        this.decoded = new DecodedWindows(windowStorage, decodedWindows);
        TableStorage orbitStorage = TableStorage.at(orbitsDir);
        this.orbits = new SnapshotFiles<>(new TableLog(orbitStorage, GoldLayouts.ORBITS_LAYOUT), path -> {
            List<Orbit> rows = new ArrayList<>();
            GoldRows.read(orbitStorage, path, GoldLayouts.Orbits::read, rows);
            return List.copyOf(rows);
        });
    }

    @Override
    public List<AltitudeWindow> windows(Instant from, Instant to, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<WindowRowGroup> candidates = new ArrayList<>();
        for (WindowRowGroup rowGroup : rowGroups()) {
            if (rowGroup.mayHoldStartsIn(from, to)) {
                candidates.add(rowGroup);
            }
        }
        candidates.sort(LAST_START_FIRST);
        List<AltitudeWindow> found = new ArrayList<>();
        for (WindowRowGroup rowGroup : candidates) {
            // every later row group starts its windows before this one's last: once that is before the limit-th
            // window found, none of them can make the list (a tie on the start can, through the satellite id)
            if (found.size() == limit && rowGroup.bounds.lastStart().isBefore(found.get(limit - 1).start())) {
                break;
            }
            collect(decoded.newestFirst(rowGroup), from, to, limit, found);
            found.sort(AltitudeWindow.NEWEST_FIRST);
            if (found.size() > limit) {
                found.subList(limit, found.size()).clear();
            }
        }
        return List.copyOf(found);
    }

    /** Adds a row group's windows starting in {@code [from, to)}, at most {@code limit} of the newest. */
    private static void collect(List<AltitudeWindow> newestFirst, Instant from, Instant to, int limit,
                                List<AltitudeWindow> out) {
        int first = firstStartingBefore(newestFirst, to);
        for (int i = first; i < newestFirst.size() && i - first < limit; i++) {
            AltitudeWindow w = newestFirst.get(i);
            if (w.start().isBefore(from)) {
                return;
            }
            out.add(w);
        }
    }

    /** The index of the first (newest) window starting before {@code to}. */
    private static int firstStartingBefore(List<AltitudeWindow> newestFirst, Instant to) {
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

    @Override
    public Optional<PeakAltitude> highestAltitude() {
        List<WindowRowGroup> highestFirst = rowGroups();
        highestFirst.sort(HIGHEST_FIRST);
        Optional<PeakAltitude> best = Optional.empty();
        for (WindowRowGroup rowGroup : highestFirst) {
            // row groups bounded below the best peak so far cannot hold it; an equal one may, by an earlier time
            if (best.isPresent() && rowGroup.bounds.highestKm() < best.get().altitudeKm()) {
                break;
            }
            Optional<PeakAltitude> peak = rowGroup.peak(decoded);
            if (peak.isPresent()) {
                best = best.isEmpty() ? peak : PeakAltitude.highestOf(List.of(best.get(), peak.get()));
            }
        }
        return best;
    }

    /** Every window, read from every file (for tools and tests; queries do not need it). */
    @Override
    public List<AltitudeWindow> allWindows() {
        List<AltitudeWindow> all = new ArrayList<>();
        for (List<WindowRowGroup> file : windowFiles.current()) {
            if (!file.isEmpty()) {
                GoldRows.read(windowStorage, file.get(0).path, GoldLayouts::readWindow, all);
            }
        }
        return all;
    }

    /** The row groups of the current snapshot's window files, in no particular order. */
    private List<WindowRowGroup> rowGroups() {
        List<WindowRowGroup> all = new ArrayList<>();
        windowFiles.current().forEach(all::addAll);
        return all;
    }

    @Override
    public List<Orbit> orbits(int limit) {
        return orbits.current().stream()
                .flatMap(List::stream)
                .sorted(Orbit.NEWEST_FIRST)
                .limit(Math.max(0, limit))
                .toList();
    }

    /** Windows kept decoded now. */
    long decodedWindows() {
        return decoded.held();
    }

    /** Row groups of window files read so far (each read of one that was not kept counts). */
    long rowGroupReads() {
        return decoded.reads();
    }
}
