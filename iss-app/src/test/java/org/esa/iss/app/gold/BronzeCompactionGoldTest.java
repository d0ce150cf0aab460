package org.esa.iss.app.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.esa.iss.adapter.delta.DeltaBronzeChangeLog;
import org.esa.iss.adapter.delta.DeltaCompaction;
import org.esa.iss.adapter.delta.DeltaTableOptions;
import org.esa.iss.app.gold.SimulatedPolls.Delivery;
import org.esa.iss.app.gold.SimulatedPolls.Disorder;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.ports.RefineOptions;
import org.esa.iss.ports.out.GoldCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compacting bronze between two refinement runs changes nothing in gold: compaction adds no fixes. */
class BronzeCompactionGoldTest {
    /** An hour after the epoch the track is minutes before an ascending node: one revolution completes. */
    private static final int FIRST_SECOND = 3_600;
    private static final int SECONDS = 5_570 + 900;
    private static final int BRONZE_COMMITS = 16;
    private static final RefineOptions OPTIONS = GoldFixture.options(3);

    @TempDir
    Path dir;

    private static List<List<Telemetry>> batches() {
        List<Telemetry> fixes = SimulatedPolls.deliveries(FIRST_SECOND, SECONDS, Disorder.WITHIN_WATERMARK, 4).stream()
                .map(Delivery::telemetry).toList();
        return BronzeFixture.batches(fixes, BRONZE_COMMITS, 4);
    }

    @Test
    void compactingBronzeBetweenTwoRefinementsGivesTheGoldOfOneRefinement() throws Exception {
        List<List<Telemetry>> batches = batches();
        String wholeBronze = dir.resolve("whole/bronze").toString();
        BronzeFixture whole = BronzeFixture.at(wholeBronze);
        batches.forEach(whole::append);
        GoldFixture once = GoldFixture.at(dir.resolve("whole/gold"));
        once.refine(wholeBronze, OPTIONS);

        String growingBronze = dir.resolve("growing/bronze").toString();
        BronzeFixture growing = BronzeFixture.at(growingBronze);
        int half = batches.size() / 2;
        batches.subList(0, half).forEach(growing::append);
        GoldFixture twice = GoldFixture.at(dir.resolve("growing/gold"));
        twice.refine(growingBronze, OPTIONS);
        DeltaCompaction.Result compaction = new DeltaCompaction(growingBronze, DeltaTableOptions.defaults(),
                DeltaCompaction.Options.defaults()).compact();
        batches.subList(half, batches.size()).forEach(growing::append);
        twice.refine(growingBronze, OPTIONS);

        assertThat(compaction.filesRemoved()).as("files of the refined versions were rewritten").isGreaterThanOrEqualTo(half);
        assertThat(new DeltaBronzeChangeLog(growingBronze).fixesAddedIn(compaction.version())).isEmpty();
        assertThat(once.orbits()).as("the data set completes an orbit").isNotEmpty();
        assertThat(twice.windows()).containsExactlyElementsOf(once.windows());
        assertThat(twice.orbits()).containsExactlyElementsOf(once.orbits());
        // the compaction is one more bronze version, but the aggregator saw exactly the same fixes
        assertThat(twice.windowsCheckpoint().map(GoldCheckpoint::state)).isEqualTo(once.windowsCheckpoint().map(GoldCheckpoint::state));
        assertThat(twice.windowsCheckpoint()).map(GoldCheckpoint::bronzeVersion).hasValue((long) batches.size());
    }
}
