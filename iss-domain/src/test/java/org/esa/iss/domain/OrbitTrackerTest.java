package org.esa.iss.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A synthetic circular-ish orbit with a known period and a known altitude profile. */
class OrbitTrackerTest {

    private static final double PERIOD_S = 5_570.0;       // ~92.8 min, like the ISS
    private static final double INCLINATION = 51.6;
    private static final long START_S = 1_714_000_000L;

    /** Latitude follows the inclination; altitude peaks a quarter orbit after the node. */
    private static Fix sample(double t) {
        double phase = 2 * Math.PI * (t - START_S) / PERIOD_S;
        double latitude = INCLINATION * Math.sin(phase);
        double altitude = 420 + 10 * Math.sin(phase);          // apogee 430 at phase pi/2, perigee 410 at 3pi/2
        return new Fix(25544, Math.round(t * 1e6), latitude, 0, altitude);
    }

    @Test
    void findsPeriodApogeeAndPerigeeOfEachRevolution() {
        AltitudeAggregator aggregator = new AltitudeAggregator(WindowSpec.DEFAULT, OrbitOptions.DEFAULT);
        RecordingSink sink = new RecordingSink();
        // start a little after a node, so the first partial revolution is not reported
        for (double t = START_S + 100; t < START_S + 4 * PERIOD_S; t += 1.0) {
            aggregator.accept(sample(t), sink);
        }
        assertThat(sink.orbits).hasSize(2);
        for (Orbit orbit : sink.orbits) {
            assertThat(orbit.period().toMillis() / 1000.0).isCloseTo(PERIOD_S, within(0.01));
            assertThat(orbit.apogee().altitudeKm()).isCloseTo(430, within(1e-3));
            assertThat(orbit.perigee().altitudeKm()).isCloseTo(410, within(1e-3));
            double apogeePhase = ((orbit.apogee().eventMicros() / 1e6 - START_S) % PERIOD_S) / PERIOD_S;
            assertThat(apogeePhase).isCloseTo(0.25, within(0.001));
            assertThat(orbit.gaps()).isZero();
            assertThat(orbit.coverage()).isEqualTo(1.0);
            assertThat(orbit.samples()).isBetween(5569L, 5571L);
        }
        double firstNode = sink.orbits.get(0).start().toEpochMilli() / 1000.0;
        assertThat(firstNode).isCloseTo(START_S + PERIOD_S, within(0.01));
    }

    @Test
    void gapsAreMarkedAndLowerCoverage() {
        AltitudeAggregator aggregator = new AltitudeAggregator(WindowSpec.DEFAULT, OrbitOptions.DEFAULT);
        RecordingSink sink = new RecordingSink();
        double gapStart = START_S + PERIOD_S + 1000;
        double gapEnd = gapStart + 600; // ten minutes without data
        for (double t = START_S + 100; t < START_S + 3 * PERIOD_S; t += 1.0) {
            if (t < gapStart || t >= gapEnd) {
                aggregator.accept(sample(t), sink);
            }
        }
        Orbit withGap = sink.orbits.get(0);
        assertThat(withGap.gaps()).isEqualTo(1);
        assertThat(withGap.longestGap()).isEqualTo(Duration.ofSeconds(601));
        assertThat(withGap.coverage()).isCloseTo(1 - 601 / PERIOD_S, within(1e-3));
    }

    @Test
    void anIntervalAcrossANodeIsTheLongestOfBothRevolutionsItSeparates() {
        AltitudeAggregator aggregator = new AltitudeAggregator(WindowSpec.DEFAULT, OrbitOptions.DEFAULT);
        RecordingSink sink = new RecordingSink();
        double node = START_S + 2 * PERIOD_S;
        for (double t = START_S + 100; t < START_S + 3.2 * PERIOD_S; t += 1.0) {
            if (t <= node - 10 || t >= node + 10) { // 20 s without data across the node, shorter than a gap
                aggregator.accept(sample(t), sink);
            }
        }
        assertThat(sink.orbits).hasSize(2);
        assertThat(sink.orbits.get(0).end()).isEqualTo(sink.orbits.get(1).start());
        assertThat(sink.orbits).allSatisfy(orbit -> {
            assertThat(orbit.longestGap()).as("longest gap of %s", orbit).isEqualTo(Duration.ofSeconds(20));
            assertThat(orbit.gaps()).isZero();
        });
    }

    @Test
    void aGapThatEndsExactlyOnTheNodeBelongsToTheRevolutionItEnds() {
        AltitudeAggregator aggregator = new AltitudeAggregator(WindowSpec.DEFAULT, OrbitOptions.DEFAULT);
        RecordingSink sink = new RecordingSink();
        double node = START_S + 2 * PERIOD_S;
        for (double t = START_S + 100; t < START_S + 3.2 * PERIOD_S; t += 1.0) {
            if (t == node) { // a minute without data, then a fix on the equator: the node is that fix's own time
                aggregator.accept(new Fix(25544, Math.round(t * 1e6), 0.0, 0, 420), sink);
            } else if (t <= node - 60 || t > node) {
                aggregator.accept(sample(t), sink);
            }
        }
        assertThat(sink.orbits).hasSize(2);
        Orbit ended = sink.orbits.get(0);
        Orbit started = sink.orbits.get(1);
        assertThat(ended.end()).isEqualTo(started.start()).isEqualTo(Instant.ofEpochSecond((long) node));
        assertThat(ended.gaps()).isEqualTo(1);
        assertThat(ended.longestGap()).isEqualTo(Duration.ofSeconds(60));
        assertThat(ended.coverage()).isCloseTo(1 - 60 / PERIOD_S, within(1e-3));
        assertThat(started.gaps()).as("nothing of the gap lies after the node").isZero();
        assertThat(started.longestGap()).isEqualTo(Duration.ofSeconds(1));
        assertThat(started.coverage()).isEqualTo(1.0);
    }

    @Test
    void aGapLongerThanTheAbandonLimitDropsTheRevolutionInProgress() {
        AltitudeAggregator aggregator = new AltitudeAggregator(WindowSpec.DEFAULT, OrbitOptions.DEFAULT);
        RecordingSink sink = new RecordingSink();
        double gapStart = START_S + PERIOD_S + 1000;
        double gapEnd = gapStart + 1800; // 30 minutes
        for (double t = START_S + 100; t < START_S + 4 * PERIOD_S; t += 1.0) {
            if (t < gapStart || t >= gapEnd) {
                aggregator.accept(sample(t), sink);
            }
        }
        assertThat(sink.orbits).hasSize(1);
        assertThat(sink.orbits.get(0).start().getEpochSecond()).isGreaterThan((long) gapEnd);
        assertThat(aggregator.snapshot().tracks().get(0).abandonedOrbits()).isEqualTo(1);
    }

    @Test
    void aGapOfCenturiesWithinTheAbandonLimitIsReportedNotOverflowed() {
        Duration centuries = Duration.ofDays(293L * 365);   // beyond what a long of nanoseconds holds
        AltitudeAggregator aggregator = new AltitudeAggregator(WindowSpec.DEFAULT,
                new OrbitOptions(OrbitOptions.DEFAULT.gapThreshold(), Duration.ofDays(300L * 365)));
        RecordingSink sink = new RecordingSink();
        double gapStart = START_S + PERIOD_S + 1000;
        double gapEnd = gapStart + centuries.getSeconds();
        for (double t = START_S + 100; t < gapEnd + 2 * PERIOD_S; t = t < gapStart || t >= gapEnd ? t + 1.0 : gapEnd) {
            aggregator.accept(sample(t), sink);
        }
        Orbit acrossTheGap = sink.orbits.get(0);
        assertThat(acrossTheGap.gaps()).isEqualTo(1);
        assertThat(acrossTheGap.longestGap()).isEqualTo(centuries);
    }
}
