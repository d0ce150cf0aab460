package org.esa.iss.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TelemetryTest {

    static Telemetry valid(double altitude, Units units) {
        return new Telemetry(25544, "iss", -48.9, 125.3, altitude, 27538.2, Visibility.DAYLIGHT, 4577.2,
                1714032708L, 2460425.8415278, 13.39, 56.53, units);
    }

    @Test
    void milesAreConvertedToKilometres() {
        Telemetry inMiles = valid(269.57, Units.MILES);
        assertThat(inMiles.altitudeKm()).isCloseTo(433.83, within(0.01));
        assertThat(inMiles.altitude()).isEqualTo(269.57);
        assertThat(inMiles.velocityKmh()).isCloseTo(27538.2 * 1.609344, within(1e-9));
    }

    @Test
    void latitudeOutOfRangeIsRejectedNotClamped() {
        assertThatThrownBy(() -> new Telemetry(25544, "iss", 90.5, 0, 420, 27000, Visibility.DAYLIGHT, 4500,
                1, 2440587.5, 0, 0, Units.KILOMETERS))
                .isInstanceOf(InvalidTelemetry.class)
                .hasMessageContaining("latitude")
                .hasMessageContaining("90.5")
                .satisfies(e -> assertThat(((InvalidTelemetry) e).field()).isEqualTo("latitude"));
    }

    @Test
    void nonFiniteAndNonPositiveAltitudesAreRejected() {
        assertThatThrownBy(() -> valid(Double.NaN, Units.KILOMETERS)).hasMessageContaining("altitude").hasMessageContaining("finite");
        assertThatThrownBy(() -> valid(0, Units.KILOMETERS)).hasMessageContaining("altitude").hasMessageContaining("> 0");
        assertThatThrownBy(() -> valid(Double.POSITIVE_INFINITY, Units.KILOMETERS)).isInstanceOf(InvalidTelemetry.class);
    }

    @Test
    void lengthsInMilesThatOverflowOnceInKilometresAreRejectedNotStoredForGoldToTripOver() {
        assertThat(valid(Double.MAX_VALUE, Units.KILOMETERS).toFix().altitudeKm()).isEqualTo(Double.MAX_VALUE);
        assertThatThrownBy(() -> valid(1.5e308, Units.MILES)).isInstanceOf(InvalidTelemetry.class)
                .satisfies(e -> assertThat(((InvalidTelemetry) e).field()).isEqualTo("altitude"))
                .hasMessageContaining("once converted from miles to kilometres");
        assertThatThrownBy(() -> new Telemetry(25544, "iss", 0, 0, 260, 1.5e308, Visibility.DAYLIGHT, 2800,
                1714032708L, 2460425.8, 0, 0, Units.MILES))
                .satisfies(e -> assertThat(((InvalidTelemetry) e).field()).isEqualTo("velocity"));
        assertThatThrownBy(() -> new Telemetry(25544, "iss", 0, 0, 260, 17000, Visibility.DAYLIGHT, 1.5e308,
                1714032708L, 2460425.8, 0, 0, Units.MILES))
                .satisfies(e -> assertThat(((InvalidTelemetry) e).field()).isEqualTo("footprint"));
    }

    @Test
    void unknownUnitsAndVisibilityAreTypedErrors() {
        assertThatThrownBy(() -> Units.fromApiName("furlongs")).isInstanceOf(InvalidTelemetry.class).hasMessageContaining("furlongs");
        assertThatThrownBy(() -> Visibility.fromApiName("dusk")).isInstanceOf(InvalidTelemetry.class).hasMessageContaining("dusk");
    }

    @Test
    void timestampsBeyondWhatSparkAndDeltaStoreAreRejectedRatherThanOverflowingTheEventTime() {
        Telemetry last = withTimestamp(Telemetry.LAST_STORABLE_SECOND);
        assertThat(last.eventTime()).isEqualTo(java.time.Instant.parse("9999-12-31T23:59:59Z"));
        assertThat(last.toFix().eventMicros()).isEqualTo(Telemetry.LAST_STORABLE_SECOND * 1_000_000L);
        for (long beyond : new long[] {Telemetry.LAST_STORABLE_SECOND + 1, Long.MAX_VALUE / 1_000_000L + 1, Long.MAX_VALUE}) {
            assertThatThrownBy(() -> withTimestamp(beyond)).isInstanceOf(InvalidTelemetry.class)
                    .satisfies(e -> assertThat(((InvalidTelemetry) e).field()).isEqualTo("timestamp"))
                    .hasMessageContaining("end of 9999");
        }
    }

    @Test
    void missingVisibilityOrUnitsAreInvalidTelemetryNamingTheField() {
        assertThatThrownBy(() -> new Telemetry(25544, "iss", 0, 0, 420, 27000, null, 4500, 1, 2440587.5, 0, 0, Units.KILOMETERS))
                .isInstanceOf(InvalidTelemetry.class)
                .satisfies(e -> assertThat(((InvalidTelemetry) e).field()).isEqualTo("visibility"));
        assertThatThrownBy(() -> new Telemetry(25544, "iss", 0, 0, 420, 27000, Visibility.DAYLIGHT, 4500, 1, 2440587.5, 0, 0, null))
                .isInstanceOf(InvalidTelemetry.class)
                .satisfies(e -> assertThat(((InvalidTelemetry) e).field()).isEqualTo("units"));
    }

    private static Telemetry withTimestamp(long timestamp) {
        return new Telemetry(25544, "iss", 0, 0, 420, 27000, Visibility.DAYLIGHT, 4500, timestamp, 2440587.5, 0, 0,
                Units.KILOMETERS);
    }

    @Test
    void fixCarriesEventTimeInMicrosAndAltitudeInKm() {
        Fix fix = valid(269.57, Units.MILES).toFix();
        assertThat(fix.eventMicros()).isEqualTo(1714032708L * 1_000_000L);
        assertThat(fix.eventTime()).isEqualTo(java.time.Instant.ofEpochSecond(1714032708L));
        assertThat(fix.altitudeKm()).isCloseTo(433.83, within(0.01));
    }
}
