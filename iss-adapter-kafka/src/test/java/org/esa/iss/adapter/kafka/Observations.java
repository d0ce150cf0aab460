package org.esa.iss.adapter.kafka;

import java.time.Instant;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.domain.Units;
import org.esa.iss.domain.Visibility;
import org.esa.iss.ports.out.Observation;

/** Test data: the n-th fix of a steady ISS pass, one second apart, in the API's JSON. */
final class Observations {

    static final long ISS = 25544;
    static final long EPOCH_SECONDS = 1_700_000_000L;

    private Observations() {
    }

    static Observation nth(long n) {
        return nth(n, "simulator");
    }

    static Observation nth(long n, String source) {
        return at(EPOCH_SECONDS + n, source);
    }

    /** The fix of that pass at unix second {@code second}. */
    static Observation at(long second, String source) {
        long n = second - EPOCH_SECONDS;
        Telemetry t = new Telemetry(ISS, "iss", Math.floorMod(n, 100) * 0.5 - 25, Math.floorMod(n, 300) - 150.0,
                420.0 + Math.floorMod(n, 7) * 0.1, 27_600.0, Visibility.DAYLIGHT, 4_500.0, second,
                2_460_000.5 + n / 86_400.0, 10.0, 200.0, Units.KILOMETERS);
        return new Observation(t, TelemetryJson.format(t), source, Instant.ofEpochSecond(second, 250_000_000));
    }

    /** Which n a record's value was made from. */
    static long sequenceOf(byte[] json) {
        return TelemetryJson.parse(json).timestamp() - EPOCH_SECONDS;
    }
}
