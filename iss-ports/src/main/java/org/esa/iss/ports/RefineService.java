package org.esa.iss.ports;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.esa.iss.domain.AggregationSink;
import org.esa.iss.domain.AggregatorState;
import org.esa.iss.domain.AltitudeAggregator;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Fix;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.OrbitOptions;
import org.esa.iss.domain.WindowSpec;
import org.esa.iss.ports.in.RefineAltitudes;
import org.esa.iss.ports.in.RefineSummary;
import org.esa.iss.ports.out.BronzeChangeLog;
import org.esa.iss.ports.out.BronzeChangeLog.BronzeHistoryMissing;
import org.esa.iss.ports.out.BronzeSnapshot;
import org.esa.iss.ports.out.GoldCheckpoint;
import org.esa.iss.ports.out.GoldTable;
import org.esa.iss.ports.out.SlotClock;

/**
 * Refines bronze into the gold tables, exactly once.
 *
 * <p>Each gold table commits its rows together with a {@link GoldCheckpoint}: the last bronze version
 * consumed and the aggregator state after it. The two tables commit separately, so after a crash they
 * may stand at different versions: refinement restarts from the older checkpoint, replays bronze
 * version by version, and writes to each table only what versions beyond its own checkpoint produced.
 * Because the aggregator is deterministic per event and bronze versions never change, the result is
 * the same as an uninterrupted run, row for row.
 *
 * <p>Gold created after bronze's first versions left its log cannot replay them: it starts from bronze's snapshot
 * instead (see {@link #startFromSnapshot}), then goes on version by version.
 */
public final class RefineService implements RefineAltitudes {
    private final BronzeChangeLog bronze;
    private final GoldTable<AltitudeWindow> windowTable;
    private final GoldTable<Orbit> orbitTable;
    private final SlotClock clock;
    private final RefineOptions options;
    private final java.util.function.Consumer<AltitudeWindow> committedWindows;
    private final AheadOfTime ahead;
    private final AtomicLong fixes = new AtomicLong();
    private final AtomicLong windows = new AtomicLong();
    private final AtomicLong orbits = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private volatile long consumed = -1;
    private volatile long lateEvents;
    private String bronzeTableId = "";
    private volatile long startNanos;
    private volatile boolean stopping;
    private volatile boolean draining;

    public RefineService(BronzeChangeLog bronze, GoldTable<AltitudeWindow> windowTable, GoldTable<Orbit> orbitTable,
                         SlotClock clock, RefineOptions options) {
        this(bronze, windowTable, orbitTable, clock, options, window -> { });
    }

    /**
     * @param committedWindows told of every window once its gold commit succeeded (for live views), on the refining
     *                         thread; if it throws, the failure is logged and refining goes on
     */
    public RefineService(BronzeChangeLog bronze, GoldTable<AltitudeWindow> windowTable, GoldTable<Orbit> orbitTable,
                         SlotClock clock, RefineOptions options, java.util.function.Consumer<AltitudeWindow> committedWindows) {
        this.committedWindows = new GuardedListener<>(committedWindows, "the listener of committed windows");
        this.bronze = Objects.requireNonNull(bronze, "bronze");
        this.windowTable = Objects.requireNonNull(windowTable, "windowTable");
        this.orbitTable = Objects.requireNonNull(orbitTable, "orbitTable");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.ahead = new AheadOfTime(options.maxEventLead(), options.windows().watermarkDelay());
    }

    @Override
    public RefineSummary run(boolean untilCaughtUp) throws InterruptedException {
        startNanos = clock.nanoTime();
        Optional<GoldCheckpoint> windowCheckpoint = windowTable.checkpoint();
        Optional<GoldCheckpoint> orbitCheckpoint = orbitTable.checkpoint();
        long windowsAt = windowCheckpoint.map(GoldCheckpoint::bronzeVersion).orElse(-1L);
        long orbitsAt = orbitCheckpoint.map(GoldCheckpoint::bronzeVersion).orElse(-1L);
        Optional<GoldCheckpoint> resumeFrom = windowsAt <= orbitsAt ? windowCheckpoint : orbitCheckpoint;
        AggregatorState state = resumeFrom.map(GoldCheckpoint::state)
                .orElse(AggregatorState.initial(options.windows(), options.orbits()));
        for (GoldCheckpoint present : Stream.of(windowCheckpoint, orbitCheckpoint).flatMap(Optional::stream).toList()) {
            requireSameDefinition(present.state()); // both: a table built on its own must match the other one
            requireSameSatellites(present.satelliteFilter());
            requireSameBronze(present);
        }
        AltitudeAggregator aggregator = new AltitudeAggregator(state);
        consumed = Math.min(windowsAt, orbitsAt);
        if (consumed < 0 && bronze.firstVersion() > 0) {
            // Bronze's first versions have left its log: gold cannot replay them, and builds the missing table (or
            // both) from a snapshot, with the initial state: the checkpoint resumed from is the missing table's.
            Optional<GoldCheckpoint> surviving = windowsAt >= 0 ? windowCheckpoint : orbitCheckpoint;
            long from = surviving.map(GoldCheckpoint::bronzeVersion).orElse(bronze.latestVersion());
            if (!startFromSnapshot(aggregator, from, surviving, windowsAt < 0, orbitsAt < 0)) {
                return progress();
            }
            if (surviving.isPresent()) { // both tables go on from the state the surviving one was written with
                aggregator = new AltitudeAggregator(surviving.get().state());
            }
            windowsAt = consumed;
            orbitsAt = consumed;
        }
        long target = untilCaughtUp ? bronze.latestVersion() : Long.MAX_VALUE;

        try (FixPrefetch prefetch = new FixPrefetch(bronze)) {
            refine(aggregator, prefetch, windowsAt, orbitsAt, target);
        }
        return progress();
    }

    private void refine(AltitudeAggregator aggregator, FixPrefetch prefetch, long windowsAt, long orbitsAt,
                        long untilVersion) throws InterruptedException {
        long target = untilVersion;
        VersionedOutput output = new VersionedOutput();
        long committedWindowsAt = windowsAt;
        long committedOrbitsAt = orbitsAt;
        while (!stopping && consumed < target) {
            if (draining && target == Long.MAX_VALUE) {
                target = bronze.latestVersion();
                continue;
            }
            long latest = Math.min(bronze.latestVersion(), target);
            if (latest <= consumed) {
                clock.sleepUntil(clock.nanoTime() + options.pollInterval().toNanos());
                continue;
            }
            long last = Math.min(latest, consumed + options.maxVersionsPerCommit());
            for (long version = consumed + 1; version <= last && !stopping; version++) {
                output.version = version;
                List<Fix> added = prefetch.fixesAddedIn(version, version < last ? version + 1 : -1);
                consume(aggregator, SatellitesInterleaved.of(added), output, bronze.receivedBy(version));
                consumed = version;
            }
            GoldCheckpoint checkpoint = new GoldCheckpoint(consumed, aggregator.snapshot(), options.satelliteFilter(),
                    bronzeTableId());
            lateEvents = aggregator.lateEvents();
            List<AltitudeWindow> newWindows = output.windowsAfter(committedWindowsAt);
            long windowsBefore = committedWindowsAt;
            committedWindowsAt = commit(windowTable, newWindows, committedWindowsAt, checkpoint, windows);
            if (committedWindowsAt > windowsBefore) {
                newWindows.forEach(committedWindows);
            }
            committedOrbitsAt = commit(orbitTable, output.orbitsAfter(committedOrbitsAt), committedOrbitsAt, checkpoint, orbits);
            output.clear();
        }
    }

    /**
     * Builds the tables not built yet from bronze's snapshot at {@code version}, when the versions before it can no
     * longer be replayed one by one: its fixes in event-time order, a UTC date at a time, the rows written as they
     * close and committed at the end with {@code version} as checkpoint. That is the gold a replay gives had every
     * fix arrived in order: a fix that came too late for its window, which a live run leaves out, counts here. If
     * the other table stands at {@code version} ({@code surviving}: deleted and rebuilt alone, or a crash between
     * the two commits of a start), the rebuilt one is committed with that table's checkpoint state, so both go on
     * with the state the surviving table's rows came from, as an uninterrupted run would. Stopped half-way, it
     * commits nothing, drops what it staged (files written ahead too), and the next run starts over; so does a
     * drained one (a shutdown). Live views hear only of the windows committed after it: it may commit years.
     *
     * @return false if it was stopped or drained before committing
     */
    private boolean startFromSnapshot(AltitudeAggregator aggregator, long version, Optional<GoldCheckpoint> surviving,
                                      boolean buildWindows, boolean buildOrbits) {
        BronzeSnapshot snapshot = bronze.snapshotAt(version);
        GoldTable.Staged<AltitudeWindow> windowRows = windowTable.stage();
        GoldTable.Staged<Orbit> orbitRows = orbitTable.stage();
        VersionedOutput output = new VersionedOutput();
        output.version = version;
        long stagedWindows = 0;
        long stagedOrbits = 0;
        GoldCheckpoint checkpoint;
        boolean staged = false;
        Optional<Instant> receivedBy = bronze.receivedBy(version);
        try {
            for (LocalDate date : snapshot.eventDates()) {
                if (stopping || draining) { // a shutdown does not wait for a start that may take minutes: it is made again
                    return false;
                }
                List<Fix> fixes = new ArrayList<>(snapshot.fixesOn(date));
                fixes.sort(EVENT_ORDER);
                consume(aggregator, fixes, output, receivedBy);
                if (buildWindows) {
                    List<AltitudeWindow> closed = output.windowsAfter(-1);
                    windowRows.add(closed);
                    stagedWindows += closed.size();
                }
                if (buildOrbits) {
                    List<Orbit> completed = output.orbitsAfter(-1);
                    orbitRows.add(completed);
                    stagedOrbits += completed.size();
                }
                output.clear();
            }
            if (bronze.firstVersion() > version + 1) {
                throw new BronzeHistoryMissing("bronze's log no longer holds the versions after its snapshot at version "
                        + version + ", which gold was built from: it took longer than the log keeps them for a start (see"
                        + " the README's \"Tables\"). Nothing was committed; run again to start from a newer snapshot", null);
            }
            checkpoint = new GoldCheckpoint(version, surviving.map(GoldCheckpoint::state).orElseGet(aggregator::snapshot),
                    options.satelliteFilter(), bronzeTableId());
            staged = true;
        } finally {
            if (!staged) { // files a table wrote ahead would stay until a vacuum, and a table never created has none
                windowRows.abandon();
                orbitRows.abandon();
            }
        }
        if (buildWindows) {
            windowRows.commit(checkpoint);
            commits.incrementAndGet();
            windows.addAndGet(stagedWindows);
        }
        if (buildOrbits) {
            orbitRows.commit(checkpoint);
            commits.incrementAndGet();
            orbits.addAndGet(stagedOrbits);
        }
        consumed = version;
        lateEvents = checkpoint.state().lateEvents();
        return true;
    }

    /**
     * Aggregates the fixes of the satellite (or satellites) refined, but those far ahead of their time.
     *
     * @param receivedBy when bronze had received them ({@link AheadOfTime})
     */
    private void consume(AltitudeAggregator aggregator, List<Fix> batch, AggregationSink sink, Optional<Instant> receivedBy) {
        AheadOfTime.Batch judged = ahead.batch(batch, receivedBy);
        for (Fix fix : batch) {
            if (options.satelliteFilter() == 0 || fix.satelliteId() == options.satelliteFilter()) {
                if (!ahead.leavesOut(fix, judged, aggregator)) {
                    aggregator.accept(fix, sink);
                }
                fixes.incrementAndGet();
            }
        }
    }

    /** A total order: the same fixes give the same sequence whatever files they were read from. */
    private static final Comparator<Fix> EVENT_ORDER = Comparator.comparingLong(Fix::eventMicros)
            .thenComparingLong(Fix::satelliteId).thenComparingDouble(Fix::latitude).thenComparingDouble(Fix::longitude)
            .thenComparingDouble(Fix::altitudeKm);

    /** Commits the rows beyond the table's own checkpoint; {@code committed} counts them once they are. */
    private <R> long commit(GoldTable<R> table, List<R> rows, long tableAt, GoldCheckpoint checkpoint, AtomicLong committed) {
        if (checkpoint.bronzeVersion() <= tableAt) {
            return tableAt;
        }
        table.commit(rows, checkpoint);
        commits.incrementAndGet();
        committed.addAndGet(rows.size());
        return checkpoint.bronzeVersion();
    }

    /** Gold is rebuilt by replaying bronze from its first version or, once that has left the log, from a snapshot. */
    private static final String REBUILD = "delete the gold tables to rebuild them from bronze (both of them: altitude_windows"
            + " and orbits, under the data directory's delta/gold)";

    private void requireSameDefinition(AggregatorState state) {
        if (!state.windows().equals(options.windows()) || !state.orbits().equals(options.orbits())) {
            throw new IllegalStateException("gold was built with " + describe(state.windows(), state.orbits())
                    + ", but this run asks for " + describe(options.windows(), options.orbits())
                    + "; pass the same --window-size and --watermark-delay (gold keeps those it was built with), or " + REBUILD);
        }
    }

    /**
     * Gold's checkpoint counts versions of one bronze table. Of a table deleted and written again, or restored from
     * a copy, gold would read on from that version number and skip everything before it without a word.
     */
    private void requireSameBronze(GoldCheckpoint present) {
        String id = bronzeTableId();
        if (!present.bronzeTableId().isEmpty() && !id.isEmpty() && !present.bronzeTableId().equals(id)) {
            throw new IllegalStateException("gold was refined from another bronze table (id " + present.bronzeTableId()
                    + ") than the one there now (id " + id + "): bronze was deleted and written again, or replaced, and"
                    + " gold would skip its first " + (present.bronzeVersion() + 1) + " versions; " + REBUILD);
        }
        long latest = bronze.latestVersion();
        if (latest < present.bronzeVersion()) {
            throw new IllegalStateException("gold has consumed bronze up to version " + present.bronzeVersion()
                    + ", but bronze " + (latest < 0 ? "does not exist" : "ends at version " + latest)
                    + ": it was deleted, or restored from an older copy, and gold would skip what it holds up to version "
                    + present.bronzeVersion() + "; " + REBUILD + " (once bronze is back)");
        }
    }

    /** Read once bronze exists: a table does not change its id. */
    private String bronzeTableId() {
        if (bronzeTableId.isEmpty()) {
            bronzeTableId = bronze.tableId();
        }
        return bronzeTableId;
    }

    /** Bronze versions already consumed are not read again, so a satellite once left out would stay out of gold. */
    private void requireSameSatellites(long builtFrom) {
        if (builtFrom != GoldCheckpoint.UNKNOWN_SATELLITE_FILTER && builtFrom != options.satelliteFilter()) {
            throw new IllegalStateException("gold was refined from " + satellites(builtFrom) + ", but this run asks for "
                    + satellites(options.satelliteFilter()) + "; use the same --satellite, or " + REBUILD);
        }
    }

    private static String satellites(long filter) {
        return filter == 0 ? "every satellite's fixes" : "satellite " + filter + "'s fixes only";
    }

    private static String describe(WindowSpec windows, OrbitOptions orbits) {
        return seconds(windows.size()) + " windows with a " + seconds(windows.watermarkDelay()) + " watermark delay"
                + " (orbits split at gaps over " + seconds(orbits.gapThreshold()) + ", given up after "
                + seconds(orbits.abandonAfter()) + ")";
    }

    /** Exactly, in seconds: windows may be as short as a microsecond. */
    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString() + " s";
    }

    @Override
    public void stop() {
        stopping = true;
    }

    @Override
    public void drain() {
        draining = true;
    }

    @Override
    public RefineSummary progress() {
        long start = startNanos;
        Duration elapsed = start == 0 ? Duration.ZERO : Duration.ofNanos(clock.nanoTime() - start);
        return new RefineSummary(consumed, fixes.get(), windows.get(), orbits.get(), lateEvents, ahead.leftOut(),
                commits.get(), elapsed);
    }

    /** What the aggregator emitted, each item tagged with the bronze version that produced it. */
    private final class VersionedOutput implements AggregationSink {
        private final List<AltitudeWindow> windowRows = new ArrayList<>();
        private final List<Long> windowVersions = new ArrayList<>();
        private final List<Orbit> orbitRows = new ArrayList<>();
        private final List<Long> orbitVersions = new ArrayList<>();
        long version;

        @Override
        public void windowClosed(AltitudeWindow window) {
            windowRows.add(window);
            windowVersions.add(version);
        }

        @Override
        public void orbitCompleted(Orbit orbit) {
            orbitRows.add(orbit);
            orbitVersions.add(version);
        }

        List<AltitudeWindow> windowsAfter(long tableVersion) {
            return after(windowRows, windowVersions, tableVersion);
        }

        List<Orbit> orbitsAfter(long tableVersion) {
            return after(orbitRows, orbitVersions, tableVersion);
        }

        private <R> List<R> after(List<R> rows, List<Long> versions, long tableVersion) {
            List<R> kept = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                if (versions.get(i) > tableVersion) {
                    kept.add(rows.get(i));
                }
            }
            return kept;
        }

        void clear() {
            windowRows.clear();
            windowVersions.clear();
            orbitRows.clear();
            orbitVersions.clear();
        }
    }
}
