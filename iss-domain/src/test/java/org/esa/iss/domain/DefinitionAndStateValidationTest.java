package org.esa.iss.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an embedding tool can pass that the aggregator cannot work with is refused up front, with the documented exception. */
class DefinitionAndStateValidationTest {

    @Test
    void aFixOutsideTheStorableTimesOrWithoutASatelliteIsInvalidTelemetry() {
        for (long micros : new long[] {-1, Long.MIN_VALUE + 1, Fix.LAST_EVENT_MICROS + 1, Long.MAX_VALUE}) {
            assertThatThrownBy(() -> new Fix(25544, micros, 0, 0, 420)).isInstanceOf(InvalidTelemetry.class)
                    .satisfies(e -> assertThat(((InvalidTelemetry) e).field()).isEqualTo("timestamp"));
        }
        assertThatThrownBy(() -> new Fix(0, 0, 0, 0, 420)).isInstanceOf(InvalidTelemetry.class)
                .satisfies(e -> assertThat(((InvalidTelemetry) e).field()).isEqualTo("id"));

        // the extremes that are allowed aggregate without overflow: the last one closes the first one's window
        AltitudeAggregator aggregator = new AltitudeAggregator(WindowSpec.DEFAULT, OrbitOptions.DEFAULT);
        RecordingSink sink = new RecordingSink();
        aggregator.accept(new Fix(25544, 0, 0, 0, 420), sink);
        aggregator.accept(new Fix(25544, Fix.LAST_EVENT_MICROS, 0, 0, 421), sink);
        assertThat(sink.windows).singleElement().satisfies(w -> assertThat(w.start()).isEqualTo(Instant.EPOCH));
        assertThat(aggregator.snapshot().maxEventMicros()).isEqualTo(Fix.LAST_EVENT_MICROS);
    }

    @Test
    void spansMustBeWholeMicrosecondsNoLongerThanTheStorableTimesSoThatTheyReadBackEqual() {
        assertThatThrownBy(() -> new WindowSpec(Duration.ofNanos(1_500), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number of microseconds");
        assertThatThrownBy(() -> new WindowSpec(Duration.ofSeconds(5), Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("watermark delay must be from");
        assertThatThrownBy(() -> new WindowSpec(Duration.ofSeconds(Long.MAX_VALUE), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window size must be from");
        assertThatThrownBy(() -> new OrbitOptions(Duration.ofSeconds(30), Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("abandonAfter must be from");
        assertThatThrownBy(() -> new OrbitOptions(Duration.ofNanos(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gap threshold must be from");

        WindowSpec finest = new WindowSpec(Duration.ofNanos(1_000), Duration.ofNanos(3_000));
        AggregatorState state = AggregatorState.initial(finest, OrbitOptions.DEFAULT);
        assertThat(AggregatorStateCodec.decode(AggregatorStateCodec.encode(state))).isEqualTo(state);
    }

    @Test
    void aTamperedSavedStateIsRefusedWithIllegalArgumentException() {
        AltitudeAggregator aggregator = new AltitudeAggregator(WindowSpec.DEFAULT, OrbitOptions.DEFAULT);
        aggregator.accept(new Fix(25544, 1_000_000, 0, 0, 420), new RecordingSink());
        aggregator.accept(new Fix(25544, 12_000_000, 0, 0, 421), new RecordingSink()); // watermark 2 s: [0, 5) is open
        String saved = AggregatorStateCodec.encode(aggregator.snapshot());
        assertThat(saved).contains("\nwindow 0 420.0 1000000 420.0 1000000 1\n");
        assertThat(saved).contains("\nlast 25544,1000000,");
        String orbit = "orbit 0 1 0 0 0 25544,1000000,0.0,0.0,421.0 25544,1000000,0.0,0.0,421.0\n";

        List<String> tampered = List.of(
                saved.replace("spec 5000000 ", "spec 9223372036854775807 "),
                saved.replace("window 0 420.0 1000000 420.0", "window 0 400.0 1000000 500.0"),
                saved.replace("window 0 420.0 1000000 420.0 1000000 1", "window 0 420.0 1000000 420.0 1000000 0"),
                saved.replace("window 0 420.0 1000000 420.0", "window 0 NaN 1000000 NaN"),
                saved + "track 25544 0\n",
                // a fix of another satellite under this one's track would be emitted as this one's
                saved.replace("pending 25544,12000000", "pending 99999,12000000"),
                saved.replace("highest 25544,", "highest 99999,"),
                // a pending fix twice, or out of order, or a window off the window boundaries
                saved.replace("pending 25544,12000000,0.0,0.0,421.0\n", "pending 25544,12000000,0.0,0.0,421.0\npending 25544,12000000,0.0,0.0,421.0\n"),
                saved.replace("pending 25544,12000000,0.0,0.0,421.0\n", "pending 25544,12000000,0.0,0.0,421.0\npending 25544,11000000,0.0,0.0,421.0\n"),
                saved.replace("window 0 420.0", "window 1000000 420.0"),
                // extremes outside their window, a fix no telemetry could give, a revolution no aggregator could track
                saved.replace("window 0 420.0 1000000 420.0 1000000 1", "window 0 420.0 7000000 420.0 1000000 1"),
                saved.replace("window 0 420.0 1000000 420.0 1000000 1", "window 0 420.0 1000000 420.0 -1 1"),
                saved.replace("pending 25544,12000000,0.0,", "pending 25544,12000000,95.0,"),
                saved.replace("last 25544,1000000,", "last 25544,13000000,"),
                saved + orbit.replace("orbit 0 1 ", "orbit 0 0 "),
                saved + orbit.replace("orbit 0 1 0 0 0 ", "orbit 0 1 -1 0 0 "),
                saved + orbit.replace("421.0 25544", "419.0 25544"),
                saved + orbit.replace("orbit 0 ", "orbit 2000000 "),
                // no fix is at or below the ellipsoid, and no count goes below zero
                saved.replace("window 0 420.0 1000000 420.0", "window 0 420.0 1000000 -420.0"),
                saved.replaceFirst("\nclock (-?\\d+) (-?\\d+) 0 0\n", "\nclock $1 $2 -5 -1\n"));
        assertThat(AggregatorStateCodec.decode(saved + orbit).tracks().get(0).orbit()).isNotNull();
        assertThatThrownBy(() -> AggregatorStateCodec.decode(saved.replace("pending 25544,12000000,0.0,", "pending 25544,12000000,95.0,")))
                .hasMessageStartingWith("corrupt aggregator state, line ").hasMessageContaining("latitude");
        assertThatThrownBy(() -> AggregatorStateCodec.decode(tampered.get(tampered.size() - 1)))
                .hasMessageStartingWith("corrupt aggregator state: ").hasMessageContaining("cannot be negative");
        for (String text : tampered) {
            assertThat(text).as("tampered").isNotEqualTo(saved);
            assertThatThrownBy(() -> AggregatorStateCodec.decode(text)).as(text).isExactlyInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void resultsThatNoAggregatorCouldProduceAreRefusedNamingWhatIsWrong() {
        Instant t = Instant.parse("2024-05-01T00:00:00Z");
        Fix high = new Fix(25544, 0, 0, 0, 421);
        Fix low = new Fix(25544, 0, 0, 0, 410);
        assertThatThrownBy(() -> new PeakAltitude(25544, Double.NaN, t)).hasMessageContaining("finite");
        assertThatThrownBy(() -> new PeakAltitude(25544, 420, null)).hasMessageContaining("at");
        assertThatThrownBy(() -> new PeakAltitude(0, 420, t)).hasMessageContaining("satellite id");
        assertThatThrownBy(() -> new AltitudeWindow(25544, t, t.plusSeconds(5), 420, t.plusSeconds(5), 410, t, 2))
                .hasMessageContaining("must lie in the window");
        assertThatThrownBy(() -> new AltitudeWindow(25544, t, t.plusSeconds(5), 420, null, 410, t, 2)).hasMessageContaining("maxAt");
        assertThatThrownBy(() -> new Orbit(25544, t, t.plusSeconds(5_500), low, high, 10, 0, Duration.ZERO, 1))
                .hasMessageContaining("apogee 410.0 km is below perigee 421.0 km");
        assertThatThrownBy(() -> new Orbit(25544, t, t.plusSeconds(5_500), high, low, 10, -1, Duration.ZERO, 1))
                .hasMessageContaining("cannot be negative");
        assertThatThrownBy(() -> new Orbit(25544, t, t.plusSeconds(5_500), high, low, 10, 0, null, 1)).hasMessageContaining("longestGap");
        assertThatThrownBy(() -> new Orbit(0, t, t.plusSeconds(5_500), high, low, 10, 0, Duration.ZERO, 1))
                .hasMessageContaining("satellite id");
        Fix hubbleLow = new Fix(20580, 0, 0, 0, 410);
        assertThatThrownBy(() -> new Orbit(25544, t, t.plusSeconds(5_500), high, hubbleLow, 10, 0, Duration.ZERO, 1))
                .hasMessageContaining("are fixes of satellites 25544 and 20580");
        assertThatThrownBy(() -> new PeakAltitude(25544, 0, t)).hasMessageContaining("> 0 km");
        assertThatThrownBy(() -> new AltitudeWindow(25544, t, t.plusSeconds(5), 420, t, -3, t, 2))
                .hasMessageContaining("> 0 km");
        assertThatThrownBy(() -> new AggregatorState(WindowSpec.DEFAULT, OrbitOptions.DEFAULT, 0, 0, -5, -1, List.of()))
                .hasMessageContaining("cannot be negative");
        assertThatThrownBy(() -> new AltitudeAggregator(WindowSpec.DEFAULT, OrbitOptions.DEFAULT).accept(high, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("sink");
    }

    @Test
    void windowsWithoutFiniteAltitudesAreRefused() {
        Instant start = Instant.EPOCH;
        assertThatThrownBy(() -> new AltitudeWindow(25544, start, start.plusSeconds(5), Double.NaN, start, 400, start, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
    }

    @Test
    void aRangeOutsideTheBufferIsAnIndexErrorNotAParseError() {
        byte[] json = "{}".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> TelemetryJson.parse(json, 0, json.length + 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> TelemetryJson.parse(json, 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
