package org.esa.iss.app.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.esa.iss.adapter.delta.DeltaCompaction;
import org.esa.iss.adapter.delta.DeltaTableOptions;
import org.esa.iss.adapter.delta.DeltaVacuum;
import org.esa.iss.app.gold.SimulatedPolls.Delivery;
import org.esa.iss.app.gold.SimulatedPolls.Disorder;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.ports.RefineOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refiner that stopped for longer than bronze's log retention (and vacuum's), while bronze went on, catches up
 * when it comes back: bronze keeps what gold has not consumed, and gold equals one uninterrupted refinement.
 */
class LaggingGoldTest {
    /** An hour after the epoch the track is minutes before an ascending node: one revolution completes. */
    private static final int FIRST_SECOND = 3_600;
    private static final int SECONDS = 5_570 + 900;
    /** Enough bronze versions for three log checkpoints (10, 20, 30), each followed by a clean-up. */
    private static final int BRONZE_COMMITS = 40;
    private static final RefineOptions OPTIONS = GoldFixture.options(5);
    private static final Clock IN_EIGHT_DAYS = Clock.fixed(Instant.now().plus(Duration.ofDays(8)), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void goldStoppedForLongerThanBronzesRetentionsCatchesUpWithNothingMissing() throws Exception {
        List<Telemetry> fixes = SimulatedPolls.deliveries(FIRST_SECOND, SECONDS, Disorder.WITHIN_WATERMARK, 7).stream()
                .map(Delivery::telemetry).toList();
        List<List<Telemetry>> batches = BronzeFixture.batches(fixes, BRONZE_COMMITS, 7);
        assertThat(batches.size()).as("bronze reaches its checkpoint at version 30").isGreaterThan(31);

        GoldFixture once = GoldFixture.refinedAtOnce(dir.resolve("whole"), batches, OPTIONS);

        String bronzeDir = dir.resolve("lagging/bronze").toString();
        BronzeFixture bronze = BronzeFixture.at(bronzeDir);
        GoldFixture gold = GoldFixture.at(dir.resolve("lagging/gold"));
        batches.subList(0, 13).forEach(bronze::append);
        gold.refineRegistered(bronzeDir, OPTIONS); // consumes versions 0..12, then stops
        batches.subList(13, 23).forEach(bronze::append);
        BronzeFixture.backdateLog(bronzeDir, Duration.ofHours(3)); // versions 0..22 are past the two hours of log
        batches.subList(23, batches.size()).forEach(bronze::append); // the checkpoint at 30 cleans up
        new DeltaCompaction(bronzeDir, DeltaTableOptions.defaults(), DeltaCompaction.Options.defaults()).compact();
        // Eight days on, vacuum's seven days have passed for every file, but gold has not read most of them.
        DeltaVacuum.Result vacuum = new DeltaVacuum(bronzeDir, DeltaVacuum.Options.defaults(), IN_EIGHT_DAYS).vacuum();

        assertThat(BronzeFixture.firstLogVersion(bronzeDir)).as("clean-up went as far as gold allows: 13 on, read from the"
                + " checkpoint at 10 (without gold, 20)").isEqualTo(10);
        assertThat(vacuum.files()).isEmpty();
        gold.refineRegistered(bronzeDir, OPTIONS);
        assertThat(once.orbits()).as("the data set completes an orbit").isNotEmpty();
        assertThat(gold.windows()).containsExactlyElementsOf(once.windows());
        assertThat(gold.orbits()).containsExactlyElementsOf(once.orbits());
    }
}
