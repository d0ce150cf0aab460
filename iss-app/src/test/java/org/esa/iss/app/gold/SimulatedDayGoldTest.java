package org.esa.iss.app.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.esa.iss.adapter.delta.DeltaBronzeChangeLog;
import org.esa.iss.app.gold.SimulatedPolls.Delivery;
import org.esa.iss.app.gold.SimulatedPolls.Disorder;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Fix;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.ports.in.RefineSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A realistic day: 24 h of the simulated ISS polled at 2 Hz (about 16 revolutions, ~160k bronze rows in
 * 30 commits, some fixes held back within the watermark), refined through the real Delta tables, checked
 * against a brute-force computation over the whole bronze table and against the element set it came from.
 */
@Tag("slow")
class SimulatedDayGoldTest {
    private static final int DAY_SECONDS = 86_400;
    private static final int BRONZE_COMMITS = 30;
    private static final int VERSIONS_PER_GOLD_COMMIT = 4;
    /** Node to node is the nodal period; the TLE mean motion gives the anomalistic one, about 4 s longer for the ISS (J2). */
    private static final double PERIOD_TOLERANCE_SECONDS = 5;
    private static final double EXTREME_TOLERANCE_KM = 0.5;
    /** Node times are interpolated between one-second fixes; both computations must agree far better. */
    private static final double NODE_TOLERANCE_SECONDS = 0.001;

    @TempDir
    static Path dir;

    private static List<Telemetry> bronzeContent;
    private static GoldFixture gold;
    private static RefineSummary summary;
    private static int bronzeVersions;

    @BeforeAll
    static void refineASimulatedDay() throws Exception {
        List<Delivery> deliveries = SimulatedPolls.deliveries(DAY_SECONDS, Disorder.WITHIN_WATERMARK, 16);
        bronzeContent = deliveries.stream().map(Delivery::telemetry).toList();
        String bronze = dir.resolve("bronze").toString();
        bronzeVersions = BronzeFixture.at(bronze).appendIn(bronzeContent, BRONZE_COMMITS, 16);
        gold = GoldFixture.at(dir.resolve("gold"));
        summary = gold.refine(bronze, GoldFixture.options(VERSIONS_PER_GOLD_COMMIT));
        System.out.printf("simulated day: %,d bronze rows in %d versions refined in %s (%,.0f fixes/s)%n",
                summary.fixes(), bronzeVersions, summary.elapsed(), summary.fixesPerSecond());
    }

    @Test
    void goldWindowsEqualABruteForceComputationOverAllOfBronze() {
        List<AltitudeWindow> expected = BruteForceGold.of(bronzeContent).windows();

        assertThat(summary.fixes()).isEqualTo(bronzeContent.size());
        assertThat(summary.lateEvents()).as("nothing was held back beyond the watermark").isZero();
        assertThat(summary.bronzeVersion()).isEqualTo(new DeltaBronzeChangeLog(dir.resolve("bronze").toString()).latestVersion());
        assertThat(expected).hasSizeGreaterThan(DAY_SECONDS / 5 - 5);
        assertThat(gold.windows()).containsExactlyElementsOf(expected);
    }

    @Test
    void everyCompletedOrbitLastsTheElementSetsPeriod() {
        List<Orbit> orbits = gold.orbits();
        double tlePeriod = SimulatedPolls.tlePeriodSeconds();

        List<Double> differences = orbits.stream().map(o -> o.period().toNanos() / 1e9 - tlePeriod).toList();
        System.out.printf("TLE period %.3f s; orbit periods minus it: %s%n", tlePeriod, differences);
        assertThat(orbits).hasSizeGreaterThanOrEqualTo(14);
        assertThat(differences).allSatisfy(d -> assertThat(d).isCloseTo(0, within(PERIOD_TOLERANCE_SECONDS)));
        assertThat(orbits).allSatisfy(o -> assertThat(o.coverage()).as("a gap-free track covers every orbit").isEqualTo(1.0));
    }

    @Test
    void orbitApogeeAndPerigeeAreTheExtremesOfTheFixesBetweenItsNodes() {
        BruteForceGold bruteForce = BruteForceGold.of(bronzeContent);
        double worst = 0;
        for (Orbit orbit : gold.orbits()) {
            List<Fix> inside = bruteForce.fixesBetween(orbit.satelliteId(), orbit.start(), orbit.end());
            double highest = inside.stream().mapToDouble(Fix::altitudeKm).max().orElseThrow();
            double lowest = inside.stream().mapToDouble(Fix::altitudeKm).min().orElseThrow();
            assertThat(orbit.apogee().altitudeKm()).isCloseTo(highest, within(EXTREME_TOLERANCE_KM));
            assertThat(orbit.perigee().altitudeKm()).isCloseTo(lowest, within(EXTREME_TOLERANCE_KM));
            assertThat(orbit.samples()).isEqualTo(inside.size());
            worst = Math.max(worst, Math.max(Math.abs(orbit.apogee().altitudeKm() - highest),
                    Math.abs(orbit.perigee().altitudeKm() - lowest)));
        }
        System.out.printf("largest apogee/perigee difference from brute force: %.6f km%n", worst);
    }

    @Test
    void orbitsRunFromEachAscendingNodeOfTheTrackToTheNext() {
        List<Orbit> orbits = gold.orbits();
        List<Instant> nodes = BruteForceGold.of(bronzeContent).ascendingNodes(orbits.get(0).satelliteId());

        // the track starts mid-revolution: the first node opens the first complete orbit
        assertThat(orbits).hasSize(nodes.size() - 1);
        IntStream.range(0, orbits.size()).forEach(i -> {
            assertThat(BruteForceGold.secondsBetween(orbits.get(i).start(), nodes.get(i))).isLessThan(NODE_TOLERANCE_SECONDS);
            assertThat(BruteForceGold.secondsBetween(orbits.get(i).end(), nodes.get(i + 1))).isLessThan(NODE_TOLERANCE_SECONDS);
        });
    }
}
