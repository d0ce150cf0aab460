package org.esa.iss.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.esa.iss.domain.AggregationSink;
import org.esa.iss.domain.AltitudeAggregator;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.OrbitOptions;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.WindowSpec;
import org.esa.iss.ports.in.RefineSummary;
import org.esa.iss.ports.memory.CrashSwitch;
import org.esa.iss.ports.memory.InMemoryBronzeTable;
import org.esa.iss.ports.memory.InMemoryGoldTable;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.GoldCheckpoint;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RefineServiceTest {
    private static final FeedPartition P0 = new FeedPartition("iss", 0);
    private static final RefineOptions OPTIONS = new RefineOptions(WindowSpec.DEFAULT, OrbitOptions.DEFAULT, 0, Duration.ZERO, 7);
    private static final int SECONDS = 3 * 5_570 + 100; // three revolutions

    /** Bronze holding a 2 Hz track (every second twice) in versions of random size, with compactions between. */
    private static InMemoryBronzeTable bronze(long seed, int seconds) {
        InMemoryBronzeTable bronze = new InMemoryBronzeTable(CrashSwitch.NEVER);
        Random random = new Random(seed);
        List<BronzeRecord> batch = new ArrayList<>();
        long offset = 0;
        for (int s = 0; s < seconds; s++) {
            Telemetry t = TestTelemetry.at(s);
            for (int copy = 0; copy < 2; copy++) {
                batch.add(new BronzeRecord(t, P0, offset++, 0, "simulator"));
            }
            if (random.nextInt(300) == 0) {
                bronze.append(batch, Map.of(P0, offset - 1));
                batch = new ArrayList<>();
                if (random.nextInt(4) == 0) {
                    bronze.compact();
                }
            }
        }
        bronze.append(batch, Map.of(P0, offset - 1));
        return bronze;
    }

    private static final class Gold {
        final InMemoryGoldTable<AltitudeWindow> windows;
        final InMemoryGoldTable<Orbit> orbits;

        Gold(CrashSwitch crash) {
            windows = new InMemoryGoldTable<>("windows", crash);
            orbits = new InMemoryGoldTable<>("orbits", crash);
        }
    }

    private static RefineSummary refine(InMemoryBronzeTable bronze, Gold gold) throws InterruptedException {
        return new RefineService(bronze, gold.windows, gold.orbits, new FakeTime(java.time.Instant.EPOCH), OPTIONS).run(true);
    }

    @Test
    void goldEqualsAggregatingAllOfBronzeAtOnce() throws Exception {
        InMemoryBronzeTable bronze = bronze(1, SECONDS);
        Gold gold = new Gold(CrashSwitch.NEVER);
        RefineSummary summary = refine(bronze, gold);

        RecordingSink expected = new RecordingSink();
        AltitudeAggregator oracle = new AltitudeAggregator(WindowSpec.DEFAULT, OrbitOptions.DEFAULT);
        for (BronzeRecord row : bronze.rows()) {
            oracle.accept(row.telemetry().toFix(), expected);
        }
        assertThat(gold.windows.rows()).isEqualTo(expected.windows);
        assertThat(gold.orbits.rows()).isEqualTo(expected.orbits).hasSize(2);
        assertThat(summary.fixes()).isEqualTo(2L * SECONDS);
        assertThat(summary.bronzeVersion()).isEqualTo(bronze.latestVersion());
        // the first window starts mid-way (the track begins at :48), every later one holds five distinct seconds
        assertThat(gold.windows.rows().subList(1, gold.windows.rows().size())).allSatisfy(w -> assertThat(w.samples()).isEqualTo(5));
    }

    @Test
    void aBacklogOfTwoSatellitesInOneVersionGivesTheGoldOfTheirFixesArrivingLive() throws Exception {
        FeedPartition p1 = new FeedPartition("iss", 1);
        int seconds = 600;
        InMemoryBronzeTable live = new InMemoryBronzeTable(CrashSwitch.NEVER);    // a version every 10 s, both in it
        InMemoryBronzeTable backlog = new InMemoryBronzeTable(CrashSwitch.NEVER); // one version: a partition, then the other
        List<BronzeRecord> liveBatch = new ArrayList<>();
        List<BronzeRecord> iss = new ArrayList<>();
        List<BronzeRecord> tianhe = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            BronzeRecord a = new BronzeRecord(TestTelemetry.at(s), P0, s, 0, "simulator");
            BronzeRecord b = new BronzeRecord(ofSatellite(48274, TestTelemetry.at(s)), p1, s, 0, "simulator");
            iss.add(a);
            tianhe.add(b);
            liveBatch.add(a);
            liveBatch.add(b);
            if (s % 10 == 9) {
                live.append(liveBatch, Map.of(P0, (long) s, p1, (long) s));
                liveBatch = new ArrayList<>();
            }
        }
        List<BronzeRecord> oneAfterTheOther = new ArrayList<>(iss);
        oneAfterTheOther.addAll(tianhe);
        backlog.append(oneAfterTheOther, Map.of(P0, seconds - 1L, p1, seconds - 1L));

        Gold fromLive = new Gold(CrashSwitch.NEVER);
        Gold fromBacklog = new Gold(CrashSwitch.NEVER);
        assertThat(refine(live, fromLive).lateEvents()).isZero();
        assertThat(refine(backlog, fromBacklog).lateEvents()).isZero();
        java.util.Comparator<AltitudeWindow> order = java.util.Comparator.comparingLong(AltitudeWindow::satelliteId)
                .thenComparing(AltitudeWindow::start);
        List<AltitudeWindow> expected = fromLive.windows.rows().stream().sorted(order).toList();
        assertThat(fromBacklog.windows.rows().stream().sorted(order).toList()).isEqualTo(expected);
        assertThat(expected).filteredOn(w -> w.satelliteId() == 48274).hasSizeGreaterThan(100);
    }

    @Test
    void goldOfAnotherBronzeTableIsRefusedRatherThanReadOnFromItsVersionNumber() throws Exception {
        InMemoryBronzeTable first = bronze(4, 900);
        Gold gold = new Gold(CrashSwitch.NEVER);
        refine(first, gold);
        List<AltitudeWindow> before = gold.windows.rows();
        InMemoryBronzeTable writtenAgain = bronze(4, 1_800); // deleted and ingested again: more versions, another id

        assertThatThrownBy(() -> refine(writtenAgain, gold)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gold was refined from another bronze table (id " + first.tableId() + ")")
                .hasMessageContaining("delete the gold tables to rebuild them from bronze");
        assertThat(gold.windows.rows()).isEqualTo(before);
        assertThat(gold.windows.checkpoint().orElseThrow().bronzeTableId()).isEqualTo(first.tableId());
    }

    @Test
    void goldAheadOfBronzeIsRefusedEvenWithoutABronzeIdInItsCheckpoint() throws Exception {
        InMemoryBronzeTable whole = bronze(5, 1_800);
        Gold gold = new Gold(CrashSwitch.NEVER);
        refine(whole, gold);
        for (InMemoryGoldTable<?> table : List.of(gold.windows, gold.orbits)) { // as gold written before ids were kept
            GoldCheckpoint kept = table.checkpoint().orElseThrow();
            table.commit(List.of(), new GoldCheckpoint(kept.bronzeVersion() + 1, kept.state(), kept.satelliteFilter()));
        }
        InMemoryBronzeTable older = bronze(5, 900);

        assertThatThrownBy(() -> refine(older, gold)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gold has consumed bronze up to version " + (whole.latestVersion() + 1)
                        + ", but bronze ends at version " + older.latestVersion());
    }

    private static Telemetry ofSatellite(long satelliteId, Telemetry t) {
        return new Telemetry(satelliteId, "css (tianhe)", t.latitude(), t.longitude(), t.altitude() + 10, t.velocity(),
                t.visibility(), t.footprint(), t.timestamp(), t.dayNumber(), t.solarLatitude(), t.solarLongitude(), t.units());
    }

    @Test
    void aChangedSatelliteFilterIsRefusedSinceConsumedBronzeIsNotReadAgain() throws Exception {
        InMemoryBronzeTable bronze = bronze(2, 600);
        Gold gold = new Gold(CrashSwitch.NEVER);
        long iss = TestTelemetry.at(0).satelliteId();
        RefineOptions issOnly = new RefineOptions(WindowSpec.DEFAULT, OrbitOptions.DEFAULT, iss, Duration.ZERO, 7);
        FakeTime time = new FakeTime(java.time.Instant.EPOCH);
        new RefineService(bronze, gold.windows, gold.orbits, time, issOnly).run(true);
        int windows = gold.windows.rows().size();

        assertThatThrownBy(() -> refine(bronze, gold)).isInstanceOf(IllegalStateException.class)
                .hasMessage("gold was refined from satellite " + iss + "'s fixes only, but this run asks for every satellite's"
                        + " fixes; use the same --satellite, or delete the gold tables to rebuild them from bronze"
                        + " (both of them: altitude_windows and orbits, under the data directory's delta/gold)");
        assertThat(gold.windows.rows()).hasSize(windows);
        new RefineService(bronze, gold.windows, gold.orbits, time, issOnly).run(true); // the same filter goes on
    }

    @Test
    void goldWrittenBeforeTheFilterWasKeptGoesOnWithTheFilterAsked() throws Exception {
        InMemoryBronzeTable bronze = new InMemoryBronzeTable(CrashSwitch.NEVER);
        appendTrack(bronze, 0, 600);
        Gold before = new Gold(CrashSwitch.NEVER);
        refine(bronze, before);
        GoldCheckpoint kept = before.windows.checkpoint().orElseThrow();
        // the same gold as a table that has no filter recorded
        Gold gold = new Gold(CrashSwitch.NEVER);
        GoldCheckpoint unknown = new GoldCheckpoint(kept.bronzeVersion(), kept.state(), GoldCheckpoint.UNKNOWN_SATELLITE_FILTER);
        gold.windows.commit(before.windows.rows(), unknown);
        gold.orbits.commit(before.orbits.rows(), unknown);
        long iss = TestTelemetry.at(0).satelliteId();
        RefineOptions issOnly = new RefineOptions(WindowSpec.DEFAULT, OrbitOptions.DEFAULT, iss, Duration.ZERO, 7);
        appendTrack(bronze, 600, 1_200);
        InMemoryBronzeTable whole = new InMemoryBronzeTable(CrashSwitch.NEVER);
        appendTrack(whole, 0, 1_200);

        new RefineService(bronze, gold.windows, gold.orbits, new FakeTime(java.time.Instant.EPOCH), issOnly).run(true);
        Gold issFromTheStart = new Gold(CrashSwitch.NEVER);
        new RefineService(whole, issFromTheStart.windows, issFromTheStart.orbits, new FakeTime(java.time.Instant.EPOCH), issOnly).run(true);
        assertThat(gold.windows.rows()).isEqualTo(issFromTheStart.windows.rows());
        assertThat(gold.windows.checkpoint().orElseThrow().satelliteFilter()).as("the filter asked is kept from now on").isEqualTo(iss);
        assertThatThrownBy(() -> refine(bronze, gold)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gold was refined from satellite " + iss + "'s fixes only");
    }

    /** Appends the track's seconds {@code from..to} (exclusive), a version per 100 s, each second at its own offset. */
    private static void appendTrack(InMemoryBronzeTable bronze, int from, int to) {
        for (int first = from; first < to; first += 100) {
            List<BronzeRecord> rows = new ArrayList<>();
            for (int s = first; s < Math.min(first + 100, to); s++) {
                rows.add(new BronzeRecord(TestTelemetry.at(s), P0, s, 0, "simulator"));
            }
            bronze.append(rows, Map.of(P0, (long) Math.min(first + 100, to) - 1));
        }
    }

    @Property(tries = 60)
    void aCrashAtAnyStepThenRestartGivesTheUninterruptedGold(@ForAll @IntRange(min = 0, max = 999) int permille,
                                                             @ForAll @IntRange(min = 0, max = 50) int seed) throws Exception {
        InMemoryBronzeTable bronze = bronze(seed, SECONDS);
        CrashSwitch counting = new CrashSwitch(Long.MAX_VALUE);
        Gold uninterrupted = new Gold(counting);
        refine(bronze, uninterrupted);
        long crashAt = 1 + permille * counting.steps() / 1000; // a step the run really takes

        Gold crashed = new Gold(new CrashSwitch(crashAt));
        assertThatThrownBy(() -> refine(bronze, crashed)).as("the first run, crashed at step %d of %d", crashAt, counting.steps())
                .isInstanceOf(CrashSwitch.SimulatedCrash.class);
        refine(bronze, crashed); // the restart
        assertThat(crashed.windows.rows()).isEqualTo(uninterrupted.windows.rows());
        assertThat(crashed.orbits.rows()).isEqualTo(uninterrupted.orbits.rows());
        assertThat(crashed.windows.checkpoint()).isEqualTo(uninterrupted.windows.checkpoint());
    }

    @Test
    void refiningInTwoRunsWithCompactionBetweenChangesNothing() throws Exception {
        InMemoryBronzeTable whole = bronze(7, SECONDS);
        Gold once = new Gold(CrashSwitch.NEVER);
        refine(whole, once);

        InMemoryBronzeTable growing = new InMemoryBronzeTable(CrashSwitch.NEVER);
        Gold twice = new Gold(CrashSwitch.NEVER);
        List<BronzeRecord> rows = whole.rows();
        int half = rows.size() / 2;
        growing.append(rows.subList(0, half), Map.of(P0, (long) half - 1));
        refine(growing, twice);
        growing.compact();
        growing.append(rows.subList(half, rows.size()), Map.of(P0, (long) rows.size() - 1));
        refine(growing, twice);
        assertThat(twice.windows.rows()).isEqualTo(once.windows.rows());
        assertThat(twice.orbits.rows()).isEqualTo(once.orbits.rows());
    }

    @Test
    void changingTheWindowDefinitionOfExistingGoldIsRefusedWithAWayOut() throws Exception {
        InMemoryBronzeTable bronze = bronze(3, 200);
        Gold gold = new Gold(CrashSwitch.NEVER);
        refine(bronze, gold);
        RefineOptions other = new RefineOptions(new WindowSpec(Duration.ofSeconds(10), Duration.ofSeconds(10)),
                OrbitOptions.DEFAULT, 0, Duration.ZERO, 7);
        RefineService service = new RefineService(bronze, gold.windows, gold.orbits, new FakeTime(java.time.Instant.EPOCH), other);
        assertThatThrownBy(() -> service.run(true)).hasMessage("gold was built with 5 s windows with a 10 s watermark"
                + " delay (orbits split at gaps over 30 s, given up after 1200 s), but this run asks for 10 s windows with"
                + " a 10 s watermark delay (orbits split at gaps over 30 s, given up after 1200 s); pass the same"
                + " --window-size and --watermark-delay (gold keeps those it was built with), or delete the gold tables to"
                + " rebuild them from bronze (both of them: altitude_windows and orbits, under the data directory's delta/gold)");
    }

    /** An embedder's live view that throws must not stop gold between its two commits, nor at all. */
    @Test
    void aListenerOfCommittedWindowsThatThrowsLeavesGoldAsWithoutIt() throws Exception {
        InMemoryBronzeTable bronze = bronze(3, SECONDS);
        Gold plain = new Gold(CrashSwitch.NEVER);
        refine(bronze, plain);
        Gold gold = new Gold(CrashSwitch.NEVER);
        List<AltitudeWindow> told = new ArrayList<>();

        RefineSummary summary = new RefineService(bronze, gold.windows, gold.orbits, new FakeTime(java.time.Instant.EPOCH),
                OPTIONS, window -> {
                    told.add(window);
                    throw new IllegalStateException("the dashboard is gone");
                }).run(true);

        assertThat(summary.bronzeVersion()).isEqualTo(bronze.latestVersion());
        assertThat(gold.windows.rows()).isEqualTo(plain.windows.rows()).isEqualTo(told);
        assertThat(gold.orbits.rows()).isEqualTo(plain.orbits.rows());
    }

    @Test
    void drainingALiveRefinerConsumesTheLatestBronzeThenReturns() throws Exception {
        InMemoryBronzeTable bronze = bronze(5, 600);
        Gold gold = new Gold(CrashSwitch.NEVER);
        RefineService live = new RefineService(bronze, gold.windows, gold.orbits, new FakeTime(java.time.Instant.EPOCH), OPTIONS);
        java.util.concurrent.CompletableFuture<RefineSummary> running = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return live.run(false);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        live.drain();
        RefineSummary summary = running.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(summary.bronzeVersion()).isEqualTo(bronze.latestVersion());
        assertThat(gold.windows.checkpoint()).hasValueSatisfying(c -> assertThat(c.bronzeVersion()).isEqualTo(bronze.latestVersion()));
    }

    /** Collects aggregator output. */
    static final class RecordingSink implements AggregationSink {
        final List<AltitudeWindow> windows = new ArrayList<>();
        final List<Orbit> orbits = new ArrayList<>();

        @Override
        public void windowClosed(AltitudeWindow window) {
            windows.add(window);
        }

        @Override
        public void orbitCompleted(Orbit orbit) {
            orbits.add(orbit);
        }
    }
}
