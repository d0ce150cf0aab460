package org.esa.iss.app.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.esa.iss.app.gold.SimulatedPolls.Delivery;
import org.esa.iss.app.gold.SimulatedPolls.Disorder;
import org.esa.iss.domain.AggregatorState;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.ports.RefineOptions;
import org.esa.iss.ports.in.RefineSummary;
import org.esa.iss.ports.out.GoldCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixes out of order and duplicated within the watermark, through real bronze and gold tables, give the
 * windows and orbits of sorted, deduplicated input; fixes beyond the watermark are dropped and counted.
 */
class DisorderedFixesGoldTest {
    /** An hour after the epoch the track is minutes before an ascending node: one revolution completes. */
    private static final int FIRST_SECOND = 3_600;
    private static final int SECONDS = 5_570 + 900;
    private static final int BRONZE_COMMITS = 12;
    private static final RefineOptions OPTIONS = GoldFixture.options(5);
    /** Many held back, and both kinds of late: a lost poll retried too late, and a late re-delivery. */
    private static final Disorder DISORDER = new Disorder(40, 300, 300);

    @TempDir
    Path dir;

    private final List<Delivery> deliveries = SimulatedPolls.deliveries(FIRST_SECOND, SECONDS, DISORDER, 5);

    /** Every fix delivered in time, once each, in event-time order. */
    private List<Telemetry> sortedDistinctInTime() {
        TreeMap<Long, Telemetry> bySecond = new TreeMap<>();
        deliveries.stream().filter(d -> !d.late()).forEach(d -> bySecond.putIfAbsent(d.telemetry().timestamp(), d.telemetry()));
        return List.copyOf(bySecond.values());
    }

    /** Gold refined from a bronze table holding {@code bronzeContent}, and what the refinement reported. */
    private record Refined(GoldFixture gold, RefineSummary summary) {
    }

    private Refined refine(String name, List<Telemetry> bronzeContent) throws Exception {
        String bronze = dir.resolve(name + "/bronze").toString();
        BronzeFixture.at(bronze).appendIn(bronzeContent, BRONZE_COMMITS, 5);
        GoldFixture gold = GoldFixture.at(dir.resolve(name + "/gold"));
        return new Refined(gold, gold.refine(bronze, OPTIONS));
    }

    private List<Telemetry> asDelivered() {
        return deliveries.stream().map(Delivery::telemetry).toList();
    }

    @Test
    void disorderWithinTheWatermarkGivesTheGoldOfSortedDeduplicatedInput() throws Exception {
        GoldFixture disordered = refine("disordered", asDelivered()).gold();
        GoldFixture sorted = refine("sorted", sortedDistinctInTime()).gold();

        assertThat(deliveries).as("the input really is out of order").isNotEqualTo(
                deliveries.stream().sorted(Comparator.comparingLong(d -> d.telemetry().timestamp())).toList());
        assertThat(sorted.windows()).isNotEmpty();
        assertThat(disordered.windows()).containsExactlyElementsOf(sorted.windows());
        assertThat(disordered.windows()).containsExactlyElementsOf(BruteForceGold.of(sortedDistinctInTime()).windows());
        assertThat(sorted.orbits()).isNotEmpty();
        assertThat(disordered.orbits()).containsExactlyElementsOf(sorted.orbits());
    }

    @Test
    void fixesBeyondTheWatermarkAreDroppedAndCounted() throws Exception {
        Refined disordered = refine("disordered", asDelivered());
        long late = deliveries.stream().filter(Delivery::late).count();
        long duplicates = deliveries.size() - late - sortedDistinctInTime().size();
        AggregatorState state = disordered.gold().windowsCheckpoint().map(GoldCheckpoint::state).orElseThrow();

        assertThat(late).as("the input holds late fixes").isPositive();
        assertThat(disordered.summary().lateEvents()).isEqualTo(late);
        assertThat(state.lateEvents()).isEqualTo(late);
        assertThat(state.duplicateEvents()).isEqualTo(duplicates);
        assertThat(disordered.summary().fixes()).isEqualTo(deliveries.size());
    }
}
