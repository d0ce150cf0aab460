package org.esa.iss.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.esa.iss.domain.AltitudeAggregator;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Fix;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.OrbitOptions;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.WindowSpec;
import org.esa.iss.ports.in.RefineSummary;
import org.esa.iss.ports.memory.CrashSwitch;
import org.esa.iss.ports.memory.InMemoryBronzeTable;
import org.esa.iss.ports.memory.InMemoryGoldTable;
import org.esa.iss.ports.out.BronzeChangeLog;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.BronzeSnapshot;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.GoldCheckpoint;
import org.esa.iss.ports.out.GoldTable;
import org.junit.jupiter.api.Test;

/**
 * Gold started after bronze's first versions left its log: built from bronze's snapshot, it equals gold replayed
 * from the first version when fixes arrived in order, and otherwise the gold of bronze's fixes in event-time order;
 * it then goes on version by version, and a crash anywhere leaves the same gold as an uninterrupted start.
 */
class RefineFromSnapshotTest {
    private static final FeedPartition P0 = new FeedPartition("iss", 0);
    private static final RefineOptions OPTIONS = new RefineOptions(WindowSpec.DEFAULT, OrbitOptions.DEFAULT, 0, Duration.ZERO, 7);
    /** Two revolutions, across a UTC midnight: the snapshot is read one event date after the other. */
    private static final int FIRST_SECOND = 50_000;
    private static final int SECONDS = 2 * 5_570 + 100;

    /** Bronze holding a 2 Hz track in versions of random size; {@code disorder} swaps that many neighbour pairs per version. */
    private static InMemoryBronzeTable bronze(long seed, int seconds, int disorder) {
        InMemoryBronzeTable bronze = new InMemoryBronzeTable(CrashSwitch.NEVER);
        Random random = new Random(seed);
        List<BronzeRecord> batch = new ArrayList<>();
        long offset = 0;
        for (int s = FIRST_SECOND; s < FIRST_SECOND + seconds; s++) {
            Telemetry t = TestTelemetry.at(s);
            for (int copy = 0; copy < 2; copy++) {
                batch.add(new BronzeRecord(t, P0, offset++, 0, "simulator"));
            }
            if (random.nextInt(300) == 0) {
                offset = append(bronze, batch, offset, random, disorder);
                batch = new ArrayList<>();
            }
        }
        append(bronze, batch, offset, random, disorder);
        return bronze;
    }

    private static long append(InMemoryBronzeTable bronze, List<BronzeRecord> batch, long offset, Random random, int disorder) {
        for (int i = 0; i < disorder && batch.size() > 1; i++) {
            int at = random.nextInt(batch.size() - 1);
            batch.set(at, batch.set(at + 1, batch.get(at)));
        }
        bronze.append(batch, Map.of(P0, offset - 1));
        return offset;
    }

    private record Gold(InMemoryGoldTable<AltitudeWindow> windows, InMemoryGoldTable<Orbit> orbits) {
        Gold(CrashSwitch crash) {
            this(new InMemoryGoldTable<>("windows", crash), new InMemoryGoldTable<>("orbits", crash));
        }
    }

    private static void refine(InMemoryBronzeTable bronze, Gold gold) throws InterruptedException {
        new RefineService(bronze, gold.windows(), gold.orbits(), new FakeTime(Instant.EPOCH), OPTIONS).run(true);
    }

    @Property(tries = 20)
    void goldStartedFromTheSnapshotOfInOrderFixesEqualsGoldReplayedFromTheFirstVersion(
            @ForAll @IntRange(min = 0, max = 30) int seed, @ForAll @IntRange(min = 1, max = 60) int expiredVersions)
            throws Exception {
        InMemoryBronzeTable bronze = bronze(seed, SECONDS, 0);
        Gold replayed = new Gold(CrashSwitch.NEVER);
        refine(bronze, replayed);

        bronze.expireVersionsBefore(expiredVersions);
        Gold started = new Gold(CrashSwitch.NEVER);
        refine(bronze, started);

        assertThat(bronze.firstVersion()).isPositive();
        assertThat(started.windows().rows()).isEqualTo(replayed.windows().rows());
        assertThat(started.orbits().rows()).isEqualTo(replayed.orbits().rows()).isNotEmpty();
        assertThat(started.windows().checkpoint()).isEqualTo(replayed.windows().checkpoint());
        assertThat(started.orbits().checkpoint()).isEqualTo(replayed.orbits().checkpoint());
    }

    @Test
    void goldStartedFromASnapshotGoesOnVersionByVersion() throws Exception {
        InMemoryBronzeTable whole = bronze(3, SECONDS, 0);
        Gold replayed = new Gold(CrashSwitch.NEVER);
        refine(whole, replayed);

        long half = whole.latestVersion() / 2;
        Gold started = new Gold(CrashSwitch.NEVER);
        InMemoryBronzeTable partial = copyUpTo(whole, half);
        partial.expireVersionsBefore(half);
        AtomicInteger abandoned = new AtomicInteger();
        new RefineService(partial, countingAbandoned(started.windows(), abandoned), countingAbandoned(started.orbits(),
                abandoned), new FakeTime(Instant.EPOCH), OPTIONS).run(true);
        assertThat(abandoned).as("a start that commits drops nothing").hasValue(0);
        for (long v = half + 1; v <= whole.latestVersion(); v++) {
            List<BronzeRecord> rows = versionRows(whole, v);
            partial.append(rows, Map.of(P0, rows.get(rows.size() - 1).offset()));
            refine(partial, started);
        }

        assertThat(started.windows().rows()).isEqualTo(replayed.windows().rows());
        assertThat(started.orbits().rows()).isEqualTo(replayed.orbits().rows());
        // of two bronze tables (a copy, and the whole): the same version and state, each with its own table's id
        assertThat(started.windows().checkpoint().map(RefineFromSnapshotTest::withoutBronzeId))
                .isEqualTo(replayed.windows().checkpoint().map(RefineFromSnapshotTest::withoutBronzeId));
        assertThat(started.windows().checkpoint().orElseThrow().bronzeTableId()).isEqualTo(partial.tableId());
    }

    @Test
    void aTableRebuiltAloneFromTheSnapshotLeavesTheOtherOnItsOwnState() throws Exception {
        // Windows start at second 2 + 5k of the test track. Version 0: seconds 0..24 without 13, so window [12, 17)
        // is open and the watermark at 14; version 1: 13, late live (dropped), then 25 and 26; later versions go on
        // past an orbit.
        InMemoryBronzeTable bronze = new InMemoryBronzeTable(CrashSwitch.NEVER);
        List<List<Integer>> versions = new ArrayList<>();
        versions.add(new ArrayList<>());
        for (int s = 0; s <= 24; s++) {
            if (s != 13) {
                versions.get(0).add(s);
            }
        }
        versions.add(List.of(13, 25, 26));
        for (int from = 27; from < 12_027; from += 600) {
            List<Integer> seconds = new ArrayList<>();
            for (int s = from; s < from + 600; s++) {
                seconds.add(s);
            }
            versions.add(seconds);
        }
        long offset = 0;
        for (List<Integer> seconds : versions.subList(0, 2)) {
            offset = appendSeconds(bronze, seconds, offset);
        }
        Gold gold = new Gold(CrashSwitch.NEVER);
        refine(bronze, gold);
        assertThat(gold.windows().checkpoint().orElseThrow().state().lateEvents()).as("13 came late live").isEqualTo(1);
        InMemoryGoldTable<Orbit> orbitsDeleted = new InMemoryGoldTable<>("orbits", CrashSwitch.NEVER);
        Gold rebuilt = new Gold(gold.windows(), orbitsDeleted);
        bronze.expireVersionsBefore(1);
        for (List<Integer> seconds : versions.subList(2, versions.size())) {
            offset = appendSeconds(bronze, seconds, offset);
        }
        refine(bronze, rebuilt);

        InMemoryBronzeTable whole = new InMemoryBronzeTable(CrashSwitch.NEVER);
        long wholeOffset = 0;
        for (List<Integer> seconds : versions) {
            wholeOffset = appendSeconds(whole, seconds, wholeOffset);
        }
        Gold uninterrupted = new Gold(CrashSwitch.NEVER);
        refine(whole, uninterrupted);
        assertThat(rebuilt.windows().rows()).isEqualTo(uninterrupted.windows().rows());
        assertThat(rebuilt.windows().rows()).filteredOn(w -> w.start().equals(Instant.ofEpochSecond(TestTelemetry.START + 12)))
                .singleElement().satisfies(w -> assertThat(w.samples()).as("without the late 13").isEqualTo(4));
        assertThat(rebuilt.orbits().rows()).isEqualTo(uninterrupted.orbits().rows()).isNotEmpty();
        assertThat(rebuilt.orbits().checkpoint().map(RefineFromSnapshotTest::withoutBronzeId))
                .isEqualTo(uninterrupted.orbits().checkpoint().map(RefineFromSnapshotTest::withoutBronzeId));
    }

    private static long appendSeconds(InMemoryBronzeTable bronze, List<Integer> seconds, long offset) {
        List<BronzeRecord> rows = new ArrayList<>();
        for (int s : seconds) {
            rows.add(new BronzeRecord(TestTelemetry.at(s), P0, offset++, 0, "simulator"));
        }
        bronze.append(rows, Map.of(P0, offset - 1));
        return offset;
    }

    private static GoldCheckpoint withoutBronzeId(GoldCheckpoint checkpoint) {
        return new GoldCheckpoint(checkpoint.bronzeVersion(), checkpoint.state(), checkpoint.satelliteFilter());
    }

    @Test
    void disorderedFixesGiveTheGoldOfTheirEventTimeOrder() throws Exception {
        InMemoryBronzeTable bronze = bronze(5, SECONDS, 200);
        bronze.expireVersionsBefore(bronze.latestVersion());
        Gold started = new Gold(CrashSwitch.NEVER);
        refine(bronze, started);

        List<Fix> fixes = new ArrayList<>(bronze.rows().stream().map(row -> row.telemetry().toFix()).toList());
        fixes.sort(Comparator.comparingLong(Fix::eventMicros));
        RefineServiceTest.RecordingSink expected = new RefineServiceTest.RecordingSink();
        AltitudeAggregator oracle = new AltitudeAggregator(WindowSpec.DEFAULT, OrbitOptions.DEFAULT);
        fixes.forEach(fix -> oracle.accept(fix, expected));
        assertThat(started.windows().rows()).isEqualTo(expected.windows);
        assertThat(started.orbits().rows()).isEqualTo(expected.orbits).isNotEmpty();
    }

    @Property(tries = 20)
    void aCrashAnywhereWhileStartingFromASnapshotThenARestartGivesTheUninterruptedGold(
            @ForAll @IntRange(min = 1, max = 6) int crashAt, @ForAll @IntRange(min = 0, max = 30) int seed) throws Exception {
        InMemoryBronzeTable bronze = bronze(seed, SECONDS, 0);
        bronze.expireVersionsBefore(10);
        Gold uninterrupted = new Gold(CrashSwitch.NEVER);
        refine(bronze, uninterrupted);

        Gold crashed = new Gold(new CrashSwitch(crashAt));
        try {
            refine(bronze, crashed);
        } catch (CrashSwitch.SimulatedCrash expected) {
            // restart below
        }
        refine(bronze, crashed);

        assertThat(crashed.windows().rows()).isEqualTo(uninterrupted.windows().rows());
        assertThat(crashed.orbits().rows()).isEqualTo(uninterrupted.orbits().rows());
        assertThat(crashed.windows().checkpoint()).isEqualTo(uninterrupted.windows().checkpoint());
        assertThat(crashed.orbits().checkpoint()).isEqualTo(uninterrupted.orbits().checkpoint());
    }

    @Test
    void aTableBuiltAloneAfterACrashMustMatchTheOtherOnesOptions() throws Exception {
        InMemoryBronzeTable bronze = bronze(9, SECONDS, 0);
        bronze.expireVersionsBefore(10);
        Gold crashed = new Gold(new CrashSwitch(2)); // the orbits' commit of the snapshot start fails
        assertThatThrownBy(() -> refine(bronze, crashed)).isInstanceOf(CrashSwitch.SimulatedCrash.class);
        assertThat(crashed.orbits().checkpoint()).isEmpty();
        RefineOptions otherWindows = new RefineOptions(new WindowSpec(Duration.ofSeconds(10), Duration.ofSeconds(10)),
                OrbitOptions.DEFAULT, 0, Duration.ZERO, 7);

        assertThatThrownBy(() -> new RefineService(bronze, crashed.windows(), crashed.orbits(), new FakeTime(Instant.EPOCH),
                otherWindows).run(true)).isInstanceOf(IllegalStateException.class).hasMessageContaining("5 s windows");
        assertThat(crashed.orbits().checkpoint()).isEmpty();
    }

    @Test
    void aStartThatBronzesCleanUpOvertookCommitsNothingAndSaysToRunAgain() throws Exception {
        InMemoryBronzeTable bronze = bronze(10, SECONDS, 0);
        bronze.expireVersionsBefore(10);
        long snapshotVersion = bronze.latestVersion();
        BronzeChangeLog overtaken = beforeEachSnapshotDate(bronze, () -> {
            // Meanwhile bronze goes on, and its clean-up passes the snapshot's version.
            for (int i = 0; i < 2; i++) {
                bronze.append(List.of(), Map.of());
            }
            bronze.expireVersionsBefore(bronze.latestVersion());
        });
        Gold gold = new Gold(CrashSwitch.NEVER);
        AtomicInteger abandoned = new AtomicInteger();

        assertThatThrownBy(() -> new RefineService(overtaken, countingAbandoned(gold.windows(), abandoned),
                countingAbandoned(gold.orbits(), abandoned), new FakeTime(Instant.EPOCH), OPTIONS).run(true))
                .isInstanceOf(BronzeChangeLog.BronzeHistoryMissing.class)
                .hasMessageContaining("snapshot at version " + snapshotVersion).hasMessageContaining("run again");
        assertThat(gold.windows().checkpoint()).isEmpty();
        assertThat(gold.orbits().checkpoint()).isEmpty();
        assertThat(abandoned).hasValue(2);
    }

    @Test
    void aShutdownDuringAStartFromASnapshotCommitsNothingAndTheNextRunMakesTheStart() throws Exception {
        InMemoryBronzeTable bronze = bronze(11, SECONDS, 0);
        bronze.expireVersionsBefore(10);
        Gold gold = new Gold(CrashSwitch.NEVER);
        RefineService[] service = new RefineService[1];
        BronzeChangeLog shutDownWhileReading = beforeEachSnapshotDate(bronze, () -> service[0].drain()); // as on SIGTERM
        AtomicInteger abandoned = new AtomicInteger();
        service[0] = new RefineService(shutDownWhileReading, countingAbandoned(gold.windows(), abandoned),
                countingAbandoned(gold.orbits(), abandoned), new FakeTime(Instant.EPOCH), OPTIONS);

        RefineSummary drained = service[0].run(false);

        assertThat(drained.commits()).isZero();
        assertThat(gold.windows().checkpoint()).isEmpty();
        assertThat(abandoned).as("staged commits dropped, with any files written ahead").hasValue(2);
        refine(bronze, gold);
        Gold uninterrupted = new Gold(CrashSwitch.NEVER);
        refine(bronze, uninterrupted);
        assertThat(gold.windows().rows()).isEqualTo(uninterrupted.windows().rows()).isNotEmpty();
    }

    /** {@code table}, counting its staged commits abandoned. */
    private static <R> GoldTable<R> countingAbandoned(GoldTable<R> table, AtomicInteger abandoned) {
        return new GoldTable<>() {
            @Override
            public Optional<GoldCheckpoint> checkpoint() {
                return table.checkpoint();
            }

            @Override
            public void commit(List<R> rows, GoldCheckpoint checkpoint) {
                table.commit(rows, checkpoint);
            }

            @Override
            public Staged<R> stage() {
                Staged<R> staged = table.stage();
                return new Staged<>() {
                    @Override
                    public void add(List<R> rows) {
                        staged.add(rows);
                    }

                    @Override
                    public void commit(GoldCheckpoint checkpoint) {
                        staged.commit(checkpoint);
                    }

                    @Override
                    public void abandon() {
                        abandoned.incrementAndGet();
                        staged.abandon();
                    }
                };
            }
        };
    }

    /** {@code bronze}'s change log, running {@code action} before each event date of a snapshot is read. */
    private static BronzeChangeLog beforeEachSnapshotDate(InMemoryBronzeTable bronze, Runnable action) {
        return new BronzeChangeLog() {
            @Override
            public String tableId() {
                return bronze.tableId();
            }

            @Override
            public long latestVersion() {
                return bronze.latestVersion();
            }

            @Override
            public long firstVersion() {
                return bronze.firstVersion();
            }

            @Override
            public List<Fix> fixesAddedIn(long version) {
                return bronze.fixesAddedIn(version);
            }

            @Override
            public BronzeSnapshot snapshotAt(long version) {
                BronzeSnapshot snapshot = bronze.snapshotAt(version);
                return BronzeSnapshot.of(version, snapshot.eventDates(), date -> {
                    action.run();
                    return snapshot.fixesOn(date);
                });
            }
        };
    }

    private static List<BronzeRecord> versionRows(InMemoryBronzeTable bronze, long version) {
        List<BronzeRecord> all = bronze.rows();
        int from = 0;
        for (long v = 0; v < version; v++) {
            from += bronze.fixesAddedIn(v).size();
        }
        return all.subList(from, from + bronze.fixesAddedIn(version).size());
    }

    private static InMemoryBronzeTable copyUpTo(InMemoryBronzeTable bronze, long lastVersion) {
        InMemoryBronzeTable copy = new InMemoryBronzeTable(CrashSwitch.NEVER);
        for (long v = 0; v <= lastVersion; v++) {
            List<BronzeRecord> rows = versionRows(bronze, v);
            copy.append(rows, Map.of(P0, rows.get(rows.size() - 1).offset()));
        }
        return copy;
    }
}
