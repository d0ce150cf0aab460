package org.esa.iss.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Checks SGP4 against the verification cases of Vallado, Crawford, Hujsak and Kelso, "Revisiting Spacetrack
 * Report #3" (AIAA 2006-6753): element sets from its SGP4-VER.TLE and expected TEME states (km, km/s)
 * from its reference output tcppver.out (WGS-72 constants). Only a handful of rows are quoted.
 */
class Sgp4PropagatorTest {
    // 00005, Vanguard 1: eccentric (e = 0.186), period about 133 min; the paper's "TEME example".
    private static final TwoLineElements VANGUARD = new TwoLineElements("00005",
            "1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753",
            "2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667");
    // 06251, Delta 1 debris: near-circular, perigee 377 km, normal drag (the closest case to the ISS).
    private static final TwoLineElements DELTA_DEBRIS = new TwoLineElements("06251",
            "1 06251U 62025E   06176.82412014  .00008885  00000-0  12808-3 0  3985",
            "2 06251  58.0579  54.0425 0030035 139.1568 221.1854 15.56387291  6774");

    private static final double POSITION_TOLERANCE_KM = 1e-6;
    private static final double VELOCITY_TOLERANCE_KM_S = 1e-9;

    @Test
    void vanguardMatchesTheVerificationFileOverThreeDays() {
        Sgp4Propagator sgp4 = new Sgp4Propagator(VANGUARD);
        assertState(sgp4.propagate(0), 7022.46529266, -1400.08296755, 0.03995155, 1.893841015, 6.405893759, 4.534807250);
        assertState(sgp4.propagate(360), -7154.03120202, -3783.17682504, -3536.19412294, 4.741887409, -4.151817765, -2.093935425);
        assertState(sgp4.propagate(1440), -938.55923943, -6268.18748831, -4294.02924751, 7.536105209, -0.427127707, 0.989878080);
        assertState(sgp4.propagate(4320), -9060.47373569, 4658.70952502, 813.68673153, -2.232832783, -4.110453490, -3.157345433);
    }

    @Test
    void lowPerigeeDebrisMatchesTheVerificationFileOverTwoDays() {
        Sgp4Propagator sgp4 = new Sgp4Propagator(DELTA_DEBRIS);
        assertState(sgp4.propagate(0), 3988.31022699, 5498.96657235, 0.90055879, -3.290032738, 2.357652820, 6.496623475);
        assertState(sgp4.propagate(120), -3935.69800083, 409.10980837, 5471.33577327, -3.374784183, -6.635211043, -1.942056221);
        assertState(sgp4.propagate(1440), -2777.14682335, -5663.16031708, -2462.54889123, 4.915493146, 0.123328992, -5.896495091);
        assertState(sgp4.propagate(2880), 1159.27802897, 5056.60175495, 4353.49418579, -5.968060341, -2.314790406, 4.230722669);
    }

    @Test
    void deepSpaceElementSetsAreRefusedWithTheReason() {
        // 04632 from the same verification file: period about 12 h, needs SDP4.
        TwoLineElements deepSpace = new TwoLineElements("04632",
                "1 04632U 70093B   04031.91070959 -.00000084  00000-0  10000-3 0  9955",
                "2 04632  11.4628 273.1101 1450506 207.6000 143.9350  1.20231981 44145");
        assertThatThrownBy(() -> new Sgp4Propagator(deepSpace))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deep-space")
                .hasMessageContaining("225");
    }

    private static void assertState(TemeState s, double x, double y, double z, double vx, double vy, double vz) {
        // The file prints 8 decimals (km) and 9 decimals (km/s): the tolerance is its rounding.
        assertThat(s.x()).isCloseTo(x, within(POSITION_TOLERANCE_KM + 5e-9));
        assertThat(s.y()).isCloseTo(y, within(POSITION_TOLERANCE_KM + 5e-9));
        assertThat(s.z()).isCloseTo(z, within(POSITION_TOLERANCE_KM + 5e-9));
        assertThat(s.vx()).isCloseTo(vx, within(VELOCITY_TOLERANCE_KM_S + 5e-10));
        assertThat(s.vy()).isCloseTo(vy, within(VELOCITY_TOLERANCE_KM_S + 5e-10));
        assertThat(s.vz()).isCloseTo(vz, within(VELOCITY_TOLERANCE_KM_S + 5e-10));
    }
}
