package org.esa.iss.ports;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.domain.Units;
import org.esa.iss.domain.Visibility;
import org.esa.iss.ports.out.Observation;

/** Test data: an idealized ISS ground track, one fix per second, and payloads that are not telemetry. */
public final class TestTelemetry {
    public static final double PERIOD_S = 5_570.0;
    public static final long START = 1_714_032_708L;

    private TestTelemetry() {
    }

    /** The fix {@code second} seconds after {@link #START}. */
    public static Telemetry at(long second) {
        double phase = 2 * Math.PI * second / PERIOD_S;
        double latitude = 51.6 * Math.sin(phase);
        double longitude = ((second * 0.0667 + 180) % 360) - 180;
        double altitude = 420 + 8 * Math.sin(phase + 0.7) + 0.001 * (second % 17);
        long t = START + second;
        return new Telemetry(25544, "iss", latitude, longitude, altitude, 27_560.0, Visibility.DAYLIGHT,
                4_500.0, t, t / 86400.0 + 2440587.5, 13.4, 56.5, Units.KILOMETERS);
    }

    /** {@code count} consecutive seconds. */
    public static List<Telemetry> track(int count) {
        List<Telemetry> track = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            track.add(at(i));
        }
        return track;
    }

    public static Observation observation(Telemetry telemetry, String source) {
        return new Observation(telemetry, TelemetryJson.format(telemetry), source, Instant.ofEpochSecond(telemetry.timestamp()));
    }

    /** Payloads the ingester must quarantine, one of each kind. */
    public static List<byte[]> invalidPayloads() {
        String good = new String(TelemetryJson.format(at(0)), StandardCharsets.UTF_8);
        return List.of(
                new byte[0],
                "not json".getBytes(StandardCharsets.UTF_8),
                good.substring(0, 40).getBytes(StandardCharsets.UTF_8),
                good.replace("\"latitude\":0.0", "\"latitude\":123.0").getBytes(StandardCharsets.UTF_8),
                good.replace("kilometers", "leagues").getBytes(StandardCharsets.UTF_8),
                good.replace("\"altitude\":", "\"altitude\":\"x\",\"ignored\":").getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, 0x00, 0x7b});
    }
}
