package org.esa.iss.app.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.esa.iss.adapter.delta.DeltaCompaction;
import org.esa.iss.adapter.delta.DeltaTableOptions;
import org.esa.iss.adapter.delta.DeltaVacuum;
import org.esa.iss.app.gold.SimulatedPolls.Delivery;
import org.esa.iss.app.gold.SimulatedPolls.Disorder;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.ports.RefineOptions;
import org.esa.iss.ports.out.BronzeChangeLog.BronzeHistoryMissing;
import org.esa.iss.ports.out.GoldCheckpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bronze files the refiner has not read yet are gone (deleted by hand, or vacuumed with too short a
 * retention after a compaction): refinement stops with {@link BronzeHistoryMissing}, which says how to
 * recover, and leaves gold as it was instead of silently skipping data.
 */
class VacuumedBronzeGoldTest {
    private static final int SECONDS = 1_800;
    private static final int BRONZE_COMMITS = 8;
    /** One gold commit covers every unread version: a failure anywhere in them must leave gold untouched. */
    private static final RefineOptions OPTIONS = GoldFixture.options(100);
    /** Vacuum's view of "now": later than every file written here, so a zero retention removes them all. */
    private static final Clock AFTER_THE_TEST = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private List<List<Telemetry>> batches;
    private String bronzeDir;
    private BronzeFixture bronze;
    private GoldFixture gold;
    private int refined;

    /** Half of bronze is refined; the other half is written but not read yet. */
    @BeforeEach
    void refineTheFirstHalf() throws Exception {
        List<Telemetry> fixes = SimulatedPolls.deliveries(SECONDS, Disorder.WITHIN_WATERMARK, 6).stream()
                .map(Delivery::telemetry).toList();
        batches = BronzeFixture.batches(fixes, BRONZE_COMMITS, 6);
        bronzeDir = dir.resolve("bronze").toString();
        bronze = BronzeFixture.at(bronzeDir);
        gold = GoldFixture.at(dir.resolve("gold"));
        refined = batches.size() / 2;
        batches.subList(0, refined).forEach(bronze::append);
        gold.refine(bronzeDir, OPTIONS);
    }

    /** Gold as a reader sees it, to check that a failed run changed nothing. */
    private record GoldContent(List<AltitudeWindow> windows, List<Orbit> orbits, Optional<GoldCheckpoint> windowsAt,
                               Optional<GoldCheckpoint> orbitsAt) {
        static GoldContent of(GoldFixture gold) {
            return new GoldContent(gold.windows(), gold.orbits(), gold.windowsCheckpoint(), gold.orbitsCheckpoint());
        }
    }

    @Test
    void aDeletedFileOfAnUnreadVersionStopsRefinementWithRecoveryAdviceAndLeavesGoldAsItWas() throws Exception {
        GoldContent before = GoldContent.of(gold);
        Set<Path> filesBefore = dataFiles();
        batches.subList(refined, batches.size()).forEach(bronze::append);
        Path unread = dataFiles().stream().filter(f -> !filesBefore.contains(f)).findFirst().orElseThrow();
        Files.delete(unread);

        assertThatThrownBy(() -> gold.refine(bronzeDir, OPTIONS))
                .isInstanceOf(BronzeHistoryMissing.class)
                .hasMessageContaining(unread.getFileName().toString())
                .hasMessageContaining("To recover");
        assertThat(GoldContent.of(gold)).isEqualTo(before);
        assertThat(before.windows()).as("the first half produced gold").isNotEmpty();
    }

    @Test
    void vacuumingCompactedBronzeBeforeTheRefinerReadItStopsRefinementAndLeavesGoldAsItWas() throws Exception {
        GoldContent before = GoldContent.of(gold);
        batches.subList(refined, batches.size()).forEach(bronze::append);
        vacuumAfterCompaction();

        assertThatThrownBy(() -> gold.refine(bronzeDir, OPTIONS))
                .isInstanceOf(BronzeHistoryMissing.class)
                .hasMessageContaining("bronze version " + refined)
                .hasMessageContaining("To recover");
        assertThat(GoldContent.of(gold)).isEqualTo(before);
    }

    @Test
    void theRecoveryAdviceSaysThatRebuildingGoldAloneCannotReplayVacuumedHistory() {
        batches.subList(refined, batches.size()).forEach(bronze::append);
        vacuumAfterCompaction();
        // gold replays bronze from its first version, whose files compaction replaced and vacuum deleted:
        // the way back is a backup or a fresh ingest from Kafka, and the message must say so
        assertThatThrownBy(() -> gold.refine(bronzeDir, OPTIONS))
                .isInstanceOf(BronzeHistoryMissing.class)
                .hasMessageContaining("Deleting gold alone does not help")
                .hasMessageContaining("re-ingest it into a fresh data directory");
    }

    private void vacuumAfterCompaction() {
        DeltaCompaction.Result compaction = new DeltaCompaction(bronzeDir, DeltaTableOptions.defaults(),
                DeltaCompaction.Options.defaults()).compact();
        DeltaVacuum.Result vacuum = new DeltaVacuum(bronzeDir, new DeltaVacuum.Options(Duration.ZERO, false), AFTER_THE_TEST).vacuum();
        assertThat(vacuum.files()).as("vacuum deleted the compacted files").hasSize(compaction.filesRemoved()).isNotEmpty();
    }

    private Set<Path> dataFiles() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of(bronzeDir))) {
            Set<Path> found = new HashSet<>();
            files.filter(f -> f.getFileName().toString().endsWith(".parquet") && !f.toString().contains("_delta_log"))
                    .forEach(found::add);
            return found;
        }
    }
}
