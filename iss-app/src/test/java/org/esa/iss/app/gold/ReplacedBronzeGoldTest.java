package org.esa.iss.app.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.standalone.DeltaLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.esa.iss.adapter.delta.DeltaBronzeChangeLog;
import org.esa.iss.app.gold.SimulatedPolls.Delivery;
import org.esa.iss.app.gold.SimulatedPolls.Disorder;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.ports.RefineOptions;
import org.esa.iss.ports.out.BronzeChangeLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gold's checkpoint counts versions of one bronze table, named by its Delta id. A bronze deleted and ingested again, or restored from an
 * older copy, is refused with what to do, instead of read on from the version number gold had reached.
 */
class ReplacedBronzeGoldTest {
    private static final RefineOptions OPTIONS = GoldFixture.options(5);

    @TempDir
    Path dir;

    private final List<List<Telemetry>> batches = BronzeFixture.batches(
            SimulatedPolls.deliveries(3_600, 1_800, Disorder.WITHIN_WATERMARK, 3).stream().map(Delivery::telemetry).toList(), 20, 3);

    @Test
    void bronzeDeletedAndIngestedAgainIsRefused() throws Exception {
        String bronzeDir = dir.resolve("bronze").toString();
        GoldFixture gold = GoldFixture.at(dir.resolve("gold"));
        batches.forEach(BronzeFixture.at(bronzeDir)::append);
        gold.refine(bronzeDir, OPTIONS);
        List<AltitudeWindow> refined = gold.windows();

        deleteTree(Path.of(bronzeDir));
        BronzeFixture again = BronzeFixture.at(bronzeDir);
        for (List<Telemetry> batch : batches) { // the same records, in more versions
            int half = Math.max(1, batch.size() / 2);
            again.append(batch.subList(0, half));
            if (half < batch.size()) {
                again.append(batch.subList(half, batch.size()));
            }
        }

        assertThatThrownBy(() -> gold.refine(bronzeDir, OPTIONS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gold was refined from another bronze table")
                .hasMessageContaining("delete the gold tables to rebuild them from bronze");
        assertThat(gold.windows()).isEqualTo(refined);
    }

    @Test
    void bronzeRestoredFromAnOlderCopyIsRefused() throws Exception {
        Path bronzeDir = dir.resolve("bronze");
        BronzeFixture bronze = BronzeFixture.at(bronzeDir.toString());
        batches.subList(0, 8).forEach(bronze::append);
        copyTree(bronzeDir, dir.resolve("backup"));
        batches.subList(8, batches.size()).forEach(bronze::append);
        GoldFixture gold = GoldFixture.at(dir.resolve("gold"));
        gold.refine(bronzeDir.toString(), OPTIONS);

        deleteTree(bronzeDir);
        copyTree(dir.resolve("backup"), bronzeDir);

        assertThatThrownBy(() -> gold.refine(bronzeDir.toString(), OPTIONS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("but bronze ends at version 7: it was deleted, or restored from an older copy");
    }

    @Test
    void goldStartedBeforeBronzeExistsRecordsBronzesIdOnceItIsThere() throws Exception {
        String bronzeDir = dir.resolve("bronze").toString();
        GoldFixture gold = GoldFixture.at(dir.resolve("gold"));
        gold.refine(bronzeDir, OPTIONS); // nothing to read yet
        assertThat(gold.windowTable().checkpoint()).isEmpty();

        batches.forEach(BronzeFixture.at(bronzeDir)::append);
        gold.refine(bronzeDir, OPTIONS);
        assertThat(gold.windowTable().checkpoint().orElseThrow().bronzeTableId()).isEqualTo(bronzeId(bronzeDir)).isNotEmpty();
    }

    @Test
    void goldWrittenWithoutBronzesIdGoesOnAndRecordsIt() throws Exception {
        String bronzeDir = dir.resolve("bronze").toString();
        BronzeFixture bronze = BronzeFixture.at(bronzeDir);
        batches.subList(0, 8).forEach(bronze::append);
        GoldFixture gold = GoldFixture.at(dir.resolve("gold"));
        GoldFixture.refine(withoutId(new DeltaBronzeChangeLog(bronzeDir)), gold.windowTable(), gold.orbitTable(), OPTIONS);
        assertThat(gold.windowTable().checkpoint().orElseThrow().bronzeTableId()).as("as gold written before ids were kept").isEmpty();

        batches.subList(8, batches.size()).forEach(bronze::append);
        gold.refine(bronzeDir, OPTIONS);
        assertThat(gold.windowTable().checkpoint().orElseThrow().bronzeTableId()).isEqualTo(bronzeId(bronzeDir));
        assertThat(gold.orbitTable().checkpoint().orElseThrow().bronzeTableId()).isEqualTo(bronzeId(bronzeDir));
    }

    private static String bronzeId(String bronzeDir) {
        return DeltaLog.forTable(new Configuration(), bronzeDir).update().getMetadata().getId();
    }

    /** Bronze as read by a refiner that could not tell tables apart. */
    private static BronzeChangeLog withoutId(BronzeChangeLog bronze) {
        return new ForwardingBronzeChangeLog(bronze) {
            @Override
            public String tableId() {
                return "";
            }
        };
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }
}
