package org.esa.iss.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AltitudeAggregatorTest {

    private final AltitudeAggregator aggregator = new AltitudeAggregator(WindowSpec.DEFAULT, OrbitOptions.DEFAULT);
    private final RecordingSink sink = new RecordingSink();

    @Test
    void windowIsEmittedOnceTheWatermarkReachesItsEnd() {
        aggregator.accept(Fixes.at(100, 420.0), sink);
        aggregator.accept(Fixes.at(103, 421.0), sink);
        aggregator.accept(Fixes.at(114, 419.0), sink); // watermark 104: window [100,105) still open
        assertThat(sink.windows).isEmpty();
        aggregator.accept(Fixes.at(115, 419.5), sink); // watermark 105 = end of [100,105)
        assertThat(sink.windows).containsExactly(new AltitudeWindow(Fixes.ISS, Instant.ofEpochSecond(100),
                Instant.ofEpochSecond(105), 421.0, Instant.ofEpochSecond(103), 420.0, Instant.ofEpochSecond(100), 2));
    }

    @Test
    void aFileOfThreeRecordsGivesItsWindowsAtFinish() throws IOException {
        List<AltitudeWindow> windows = new ArrayList<>();
        List<Orbit> orbits = new ArrayList<>();
        AggregationSink callbacks = AggregationSink.of(windows::add, orbits::add);
        for (String line : TelemetryJsonTest.realRecords()) { // seconds ...708, ...709 and ...711
            aggregator.accept(TelemetryJson.parse(line.getBytes(StandardCharsets.UTF_8)).toFix(), callbacks);
        }
        assertThat(windows).as("all three wait for the watermark").isEmpty();
        assertThat(aggregator.highest(Fixes.ISS)).isEmpty();

        aggregator.finish(callbacks);
        assertThat(windows).extracting(AltitudeWindow::start, AltitudeWindow::samples).containsExactly(
                tuple(Instant.ofEpochSecond(1_714_032_705L), 2L), tuple(Instant.ofEpochSecond(1_714_032_710L), 1L));
        assertThat(aggregator.highest(Fixes.ISS)).get().extracting(Fix::altitudeKm)
                .isEqualTo(windows.stream().mapToDouble(AltitudeWindow::maxAltitudeKm).max().orElseThrow());
        assertThat(orbits).as("no revolution closed").isEmpty();
    }

    @Test
    void lateEventIsDroppedAndCounted() {
        aggregator.accept(Fixes.at(100, 420.0), sink);
        aggregator.accept(Fixes.at(120, 420.0), sink); // watermark 110
        assertThat(aggregator.accept(Fixes.at(109, 500.0), sink)).isFalse(); // strictly before the watermark: late
        assertThat(aggregator.accept(Fixes.at(110, 430.0), sink)).isTrue();  // exactly at the watermark: accepted
        assertThat(aggregator.lateEvents()).isEqualTo(1);
        aggregator.accept(Fixes.at(130, 420.0), sink);
        assertThat(sink.windows).extracting(AltitudeWindow::maxAltitudeKm).doesNotContain(500.0).contains(430.0);
    }

    @Test
    void theSameFixPolledTwiceCountsOnce() {
        aggregator.accept(Fixes.at(100, 420.0), sink);
        assertThat(aggregator.accept(Fixes.at(100, 420.0), sink)).isFalse();
        aggregator.accept(Fixes.at(101, 421.0), sink);
        aggregator.accept(Fixes.at(200, 421.0), sink);
        assertThat(aggregator.duplicateEvents()).isEqualTo(1);
        assertThat(sink.windows.get(0).samples()).isEqualTo(2);
    }

    @Test
    void openWindowsAreNotEmittedWhenInputStops() {
        aggregator.accept(Fixes.at(100, 420.0), sink);
        aggregator.accept(Fixes.at(104, 420.0), sink);
        assertThat(sink.windows).isEmpty();
        assertThat(aggregator.snapshot().tracks().get(0).pending()).hasSize(2);
    }

    @Test
    void highestAltitudeKeepsTheFixWhereItHappened() {
        List<Fix> fixes = List.of(Fixes.at(100, 420.0), Fixes.at(101, 425.5), Fixes.at(102, 425.5), Fixes.at(140, 410.0));
        aggregator.acceptAll(fixes, sink);
        assertThat(aggregator.highest(Fixes.ISS)).contains(Fixes.at(101, 425.5));
        assertThat(PeakAltitude.of(sink.windows)).contains(new PeakAltitude(Fixes.ISS, 425.5, Instant.ofEpochSecond(101)));
    }
}
