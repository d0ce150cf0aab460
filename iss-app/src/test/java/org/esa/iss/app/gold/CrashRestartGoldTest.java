package org.esa.iss.app.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.esa.iss.adapter.delta.DeltaBronzeChangeLog;
import org.esa.iss.app.gold.CrashPoint.Kind;
import org.esa.iss.app.gold.SimulatedPolls.Delivery;
import org.esa.iss.app.gold.SimulatedPolls.Disorder;
import org.esa.iss.ports.RefineOptions;
import org.esa.iss.ports.memory.CrashSwitch;
import org.esa.iss.ports.out.GoldCheckpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kill the refiner anywhere, restart it on freshly opened Delta tables: gold equals the uninterrupted run,
 * row for row, and both tables end at the latest bronze version.
 *
 * <p>A property over crash points: a fixed-seed sample of every place a run can die (each gold commit,
 * before or after it reaches the table, and each bronze read), always including the first and last
 * commits. Small gold commits (three bronze versions each) give many places to die.
 */
@Tag("slow")
class CrashRestartGoldTest {
    /** An hour after the epoch the track is minutes before an ascending node: one revolution completes. */
    private static final int FIRST_SECOND = 3_600;
    private static final int SECONDS = 5_570 + 900;
    private static final int BRONZE_COMMITS = 12;
    private static final RefineOptions OPTIONS = GoldFixture.options(3);
    private static final int GOLD_COMMITS = 2 * ((BRONZE_COMMITS + 2) / 3);
    private static final int TRIES = 10;

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static String bronze;
    private static GoldFixture uninterrupted;

    @BeforeAll
    static void refineWithoutCrashing() throws Exception {
        bronze = shared.resolve("bronze").toString();
        List<Delivery> deliveries = SimulatedPolls.deliveries(FIRST_SECOND, SECONDS, Disorder.WITHIN_WATERMARK, 3);
        int versions = BronzeFixture.at(bronze).appendIn(deliveries.stream().map(Delivery::telemetry).toList(), BRONZE_COMMITS, 3);
        assertThat(versions).as("every crash point below exists").isEqualTo(BRONZE_COMMITS);
        uninterrupted = GoldFixture.at(shared.resolve("gold"));
        uninterrupted.refine(bronze, OPTIONS);
        assertThat(uninterrupted.orbits()).as("the data set completes orbits").isNotEmpty();
    }

    /** A fixed-seed sample of crash points, with the first and last gold commits always in. */
    static Stream<CrashPoint> crashPoints() {
        List<CrashPoint> all = new ArrayList<>();
        for (int step = 1; step <= GOLD_COMMITS; step++) {
            all.add(new CrashPoint(Kind.BEFORE_GOLD_COMMIT, step));
            all.add(new CrashPoint(Kind.AFTER_GOLD_COMMIT, step));
        }
        for (int step = 1; step <= BRONZE_COMMITS; step++) {
            all.add(new CrashPoint(Kind.WHILE_READING_BRONZE, step));
        }
        List<CrashPoint> sample = new ArrayList<>(List.of(new CrashPoint(Kind.BEFORE_GOLD_COMMIT, 1),
                new CrashPoint(Kind.AFTER_GOLD_COMMIT, 1), new CrashPoint(Kind.AFTER_GOLD_COMMIT, GOLD_COMMITS - 1)));
        all.removeAll(sample);
        Collections.shuffle(all, new Random(7));
        sample.addAll(all.subList(0, TRIES - sample.size()));
        return sample.stream();
    }

    @ParameterizedTest(name = "crash {0}")
    @MethodSource("crashPoints")
    void aRestartAfterACrashAnywhereGivesTheGoldOfAnUninterruptedRun(CrashPoint point) throws Exception {
        GoldFixture gold = GoldFixture.at(dir);
        CrashSwitch crash = point.newSwitch();
        assertThatThrownBy(() -> GoldFixture.refine(point.around(new DeltaBronzeChangeLog(bronze), crash),
                point.around(gold.windowTable(), "windows", crash), point.around(gold.orbitTable(), "orbits", crash), OPTIONS))
                .isInstanceOf(CrashSwitch.SimulatedCrash.class);

        gold.refine(bronze, OPTIONS);

        long latest = new DeltaBronzeChangeLog(bronze).latestVersion();
        assertThat(gold.windows()).containsExactlyElementsOf(uninterrupted.windows());
        assertThat(gold.orbits()).containsExactlyElementsOf(uninterrupted.orbits());
        assertThat(gold.windowsCheckpoint()).map(GoldCheckpoint::bronzeVersion).hasValue(latest);
        assertThat(gold.orbitsCheckpoint()).map(GoldCheckpoint::bronzeVersion).hasValue(latest);
        assertThat(gold.windowsCheckpoint()).isEqualTo(uninterrupted.windowsCheckpoint());
        assertThat(gold.orbitsCheckpoint()).isEqualTo(uninterrupted.orbitsCheckpoint());
    }
}
