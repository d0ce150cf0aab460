package org.esa.iss.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.domain.Units;
import org.esa.iss.domain.Visibility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every field of the simulator against the real API's records of 2024-04-25, with the errors printed. */
class IssSimulatorTest {
    private static final IssSimulator SIMULATOR = new IssSimulator(RealIssRecords.ISS_2024_04_25,
            Clock.fixed(Instant.ofEpochSecond(1714032708), ZoneOffset.UTC));
    private static double maxPositionKm, maxAltitudeKm, maxVelocityKmh, maxFootprintKm, maxSolarLatDeg, maxSolarLonDeg;

    @BeforeAll
    static void measureErrorsAgainstTheRealRecords() {
        for (int i = 0; i < RealIssRecords.LINES.size(); i++) {
            Telemetry real = TelemetryJson.parse(RealIssRecords.bytes(i));
            Telemetry simulated = SIMULATOR.at(real.timestamp(), Units.KILOMETERS);
            double[] a = EarthModel.ecefOf(real.latitude(), real.longitude(), real.altitude());
            double[] b = EarthModel.ecefOf(simulated.latitude(), simulated.longitude(), simulated.altitude());
            double position = Math.sqrt(square(a[0] - b[0]) + square(a[1] - b[1]) + square(a[2] - b[2]));
            double altitude = Math.abs(real.altitude() - simulated.altitude());
            double velocity = Math.abs(real.velocity() - simulated.velocity());
            double footprint = Math.abs(real.footprint() - simulated.footprint());
            double solarLat = Math.abs(real.solarLatitude() - simulated.solarLatitude());
            double solarLon = Math.abs(real.solarLongitude() - simulated.solarLongitude());
            System.out.printf("t=%d position %.3f km (lat %+.5f deg, lon %+.5f deg), altitude %.3f km, velocity %.3f km/h,"
                            + " footprint %.3f km, daynum %.1e, solar_lat %.1e deg, solar_lon %.1e deg, visibility %s/%s%n",
                    real.timestamp(), position, simulated.latitude() - real.latitude(),
                    simulated.longitude() - real.longitude(), altitude, velocity, footprint,
                    Math.abs(real.dayNumber() - simulated.dayNumber()), solarLat, solarLon,
                    simulated.visibility().apiName(), real.visibility().apiName());
            maxPositionKm = Math.max(maxPositionKm, position);
            maxAltitudeKm = Math.max(maxAltitudeKm, altitude);
            maxVelocityKmh = Math.max(maxVelocityKmh, velocity);
            maxFootprintKm = Math.max(maxFootprintKm, footprint);
            maxSolarLatDeg = Math.max(maxSolarLatDeg, solarLat);
            maxSolarLonDeg = Math.max(maxSolarLonDeg, solarLon);
        }
        System.out.printf("max errors vs real API: position %.3f km, altitude %.3f km, velocity %.3f km/h, footprint %.3f km,"
                + " solar_lat %.1e deg, solar_lon %.1e deg%n", maxPositionKm, maxAltitudeKm, maxVelocityKmh, maxFootprintKm,
                maxSolarLatDeg, maxSolarLonDeg);
    }

    @Test
    void positionIsWithinTwoKilometresOfTheRealApi() {
        assertThat(maxPositionKm).isLessThan(2.0);
    }

    @Test
    void altitudeIsWithinHalfAKilometreOfTheRealApi() {
        assertThat(maxAltitudeKm).isLessThan(0.5);
    }

    @Test
    void velocityIsWithinTwoKilometresPerHourOfTheRealApi() {
        assertThat(maxVelocityKmh).isLessThan(2.0);
    }

    @Test
    void footprintFollowsFromAltitudeExactlyAsTheApiComputesIt() {
        for (int i = 0; i < 3; i++) {
            Telemetry real = TelemetryJson.parse(RealIssRecords.bytes(i));
            double footprint = 12756.33 * Math.acos(6378.135 / (6378.135 + real.altitude()));
            assertThat(footprint).isCloseTo(real.footprint(), within(1e-9));
        }
        // With our altitude the footprint error follows the altitude error (d footprint / d alt ~ 4.9).
        assertThat(maxFootprintKm).isLessThan(5 * maxAltitudeKm + 1e-6);
    }

    @Test
    void dayNumberAndVisibilityMatchTheRealApiExactly() {
        for (int i = 0; i < 3; i++) {
            Telemetry real = TelemetryJson.parse(RealIssRecords.bytes(i));
            Telemetry simulated = SIMULATOR.at(real.timestamp(), Units.KILOMETERS);
            assertThat(simulated.dayNumber()).isEqualTo(real.dayNumber());
            assertThat(simulated.visibility()).isEqualTo(real.visibility());
            assertThat(simulated.timestamp()).isEqualTo(real.timestamp());
            assertThat(simulated.satelliteId()).isEqualTo(25544);
            assertThat(simulated.name()).isEqualTo("iss");
        }
    }

    @Test
    void subSolarPointMatchesTheRealApiToAHundredThousandthOfADegree() {
        assertThat(maxSolarLatDeg).isLessThan(1e-5);
        assertThat(maxSolarLonDeg).isLessThan(1e-5);
    }

    @Test
    void stationIsEclipsedOnTheNightSideAndSunlitOnTheDaySide() {
        // Sweep one orbit: the ISS spends roughly a third of it in the Earth's shadow.
        int eclipsed = 0;
        int samples = 0;
        for (long t = 1714032708; t < 1714032708 + 5580; t += 30, samples++) {
            if (SIMULATOR.at(t, Units.KILOMETERS).visibility() == Visibility.ECLIPSED) {
                eclipsed++;
            }
        }
        assertThat((double) eclipsed / samples).isBetween(0.25, 0.45);
    }

    @Test
    void milesConvertLengthsAndSpeedButNotAngles() {
        Telemetry km = SIMULATOR.at(1714032708, Units.KILOMETERS);
        Telemetry miles = SIMULATOR.at(1714032708, Units.MILES);
        assertThat(miles.units()).isEqualTo(Units.MILES);
        assertThat(miles.altitude() * 1.609344).isCloseTo(km.altitude(), within(1e-9));
        assertThat(miles.velocity() * 1.609344).isCloseTo(km.velocity(), within(1e-7));
        assertThat(miles.footprint() * 1.609344).isCloseTo(km.footprint(), within(1e-9));
        assertThat(miles.latitude()).isEqualTo(km.latitude());
        assertThat(miles.solarLongitude()).isEqualTo(km.solarLongitude());
    }

    @Test
    void nowFollowsTheClockAtOneSecondResolution() {
        IssSimulator simulator = new IssSimulator(RealIssRecords.ISS_2024_04_25,
                Clock.fixed(Instant.ofEpochSecond(1714032709, 900_000_000), ZoneOffset.UTC));
        assertThat(simulator.now(Units.KILOMETERS)).isEqualTo(SIMULATOR.at(1714032709, Units.KILOMETERS));
    }

    @Test
    void jsonRoundTripsThroughTheStrictParser() {
        Telemetry simulated = SIMULATOR.at(1714032708, Units.KILOMETERS);
        assertThat(TelemetryJson.parse(IssSimulator.json(simulated))).isEqualTo(simulated);
        assertThat(new String(IssSimulator.json(simulated))).contains("\"daynum\":2460425.8415278");
    }

    @Test
    void staleTimesAreFoldedIntoTheWindowAfterTheEpochWhenAskedTo() {
        IssSimulator wrapping = IssSimulator.wrappingStaleTimes(RealIssRecords.ISS_2024_04_25,
                Clock.fixed(Instant.ofEpochSecond(1714032708), ZoneOffset.UTC), java.time.Duration.ofDays(7));
        long epoch = RealIssRecords.ISS_2024_04_25.epoch().getEpochSecond();
        long twoYearsLater = epoch + 2 * 365 * 86400L + 1234;
        Telemetry far = wrapping.at(twoYearsLater, Units.KILOMETERS);
        assertThat(far.timestamp()).isEqualTo(twoYearsLater);
        assertThat(far.altitude()).isBetween(400.0, 440.0);
        assertThat(wrapping.at(epoch + 100, Units.KILOMETERS)).isEqualTo(SIMULATOR.at(epoch + 100, Units.KILOMETERS));
        assertThat(wrapping.isFresh(twoYearsLater)).isFalse();
        assertThat(wrapping.isFresh(epoch - 86400)).isTrue();
    }

    private static double square(double v) {
        return v * v;
    }

    @org.junit.jupiter.api.Test
    void printsNumbersWithTheApisFourteenSignificantDigits() {
        String json = new String(IssSimulator.json(SIMULATOR.at(1714032708L, org.esa.iss.domain.Units.KILOMETERS)),
                java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher number = java.util.regex.Pattern
                .compile("\"(latitude|longitude|altitude|velocity|footprint|solar_lat|solar_lon)\":(-?[0-9.Ee+-]+)").matcher(json);
        int found = 0;
        while (number.find()) {
            found++;
            String digits = number.group(2).replaceAll("[eE].*", "").replaceAll("[-.]", "").replaceFirst("^0+", "");
            org.assertj.core.api.Assertions.assertThat(digits.length()).as(number.group()).isLessThanOrEqualTo(14);
        }
        org.assertj.core.api.Assertions.assertThat(found).isEqualTo(7);
    }
}
