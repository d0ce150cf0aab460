package org.esa.iss.app.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.esa.iss.adapter.delta.DeltaBronzeChangeLog;
import org.esa.iss.adapter.delta.DeltaCompaction;
import org.esa.iss.adapter.delta.DeltaTableOptions;
import org.esa.iss.app.gold.SimulatedPolls.Delivery;
import org.esa.iss.app.gold.SimulatedPolls.Disorder;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.ports.RefineOptions;
import org.esa.iss.ports.in.RefineSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gold created after bronze's first versions have left its log (a rebuild, or a first `iss gold` on an older
 * bronze) starts from bronze's snapshot, compacted files and several event dates included, then goes on version by
 * version: the same gold as a replay from the first version, for fixes that arrived within the watermark.
 */
class GoldFromSnapshotTest {
    /** Two revolutions that cross a UTC midnight an hour in: the snapshot spans two event dates. */
    private static final int SECONDS = 2 * 5_570 + 100;
    private static final int BRONZE_COMMITS = 40;
    private static final RefineOptions OPTIONS = GoldFixture.options(5);

    @TempDir
    Path dir;

    @Test
    void goldStartedAfterBronzesFirstVersionsExpiredEqualsGoldReplayedFromThem() throws Exception {
        int toMidnight = (int) (86_400 - SimulatedPolls.FIRST_SECOND % 86_400);
        int from = toMidnight >= 3_600 ? toMidnight - 3_600 : toMidnight + 86_400 - 3_600;
        List<Telemetry> fixes = SimulatedPolls.deliveries(from, SECONDS, Disorder.WITHIN_WATERMARK, 11).stream()
                .map(Delivery::telemetry).toList();
        List<List<Telemetry>> batches = BronzeFixture.batches(fixes, BRONZE_COMMITS, 11);
        assertThat(batches.size()).as("bronze passes its checkpoint at version 30").isGreaterThan(32);

        GoldFixture replayed = GoldFixture.refinedAtOnce(dir.resolve("whole"), batches, OPTIONS);

        String bronzeDir = dir.resolve("expired/bronze").toString();
        BronzeFixture bronze = BronzeFixture.at(bronzeDir);
        batches.subList(0, 20).forEach(bronze::append);
        new DeltaCompaction(bronzeDir, DeltaTableOptions.defaults(), DeltaCompaction.Options.defaults()).compact();
        BronzeFixture.backdateLog(bronzeDir, Duration.ofHours(3));
        batches.subList(20, 31).forEach(bronze::append); // the checkpoint at 30 cleans up: no gold holds it back
        long firstVersion = new DeltaBronzeChangeLog(bronzeDir).firstVersion();
        assertThat(firstVersion).as("bronze's first versions have left its log").isPositive();
        try (Stream<Path> partitions = Files.list(Path.of(bronzeDir))) {
            assertThat(partitions.filter(p -> p.getFileName().toString().startsWith("event_date="))).hasSize(2);
        }

        GoldFixture gold = GoldFixture.at(dir.resolve("expired/gold"));
        RefineSummary started = gold.refineRegistered(bronzeDir, OPTIONS);
        batches.subList(31, batches.size()).forEach(bronze::append);
        RefineSummary continued = gold.refineRegistered(bronzeDir, OPTIONS);

        assertThat(started.fixes()).as("every fix of the snapshot").isEqualTo(batches.subList(0, 31).stream().mapToInt(List::size).sum());
        assertThat(continued.fixes()).isEqualTo(fixes.size() - started.fixes());
        assertThat(replayed.orbits()).as("the data set completes an orbit").isNotEmpty();
        assertThat(gold.windows()).containsExactlyElementsOf(replayed.windows());
        assertThat(gold.orbits()).containsExactlyElementsOf(replayed.orbits());
    }
}
