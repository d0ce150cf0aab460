package org.esa.iss.benchmarks;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.concurrent.TimeUnit;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.TelemetryJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decoding one API record (~380 bytes of JSON), as the bronze ingester does for every Kafka record.
 * {@code digits=17}: the simulator's records, whose doubles print with up to 17 significant digits;
 * {@code digits=15}: the same positions rounded to 15 significant digits, the precision the public API sends.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TelemetryJsonBenchmark {
    private static final int RECORDS = 1024;

    @Param({"17", "15"})
    public int digits;

    private byte[][] json;
    private int next;

    @Setup
    public void encodeSamples() {
        Telemetry[] records = SampleTelemetry.seconds(RECORDS);
        json = new byte[RECORDS][];
        for (int i = 0; i < RECORDS; i++) {
            json[i] = TelemetryJson.format(digits >= 17 ? records[i] : rounded(records[i], digits));
        }
    }

    private static Telemetry rounded(Telemetry t, int digits) {
        return new Telemetry(t.satelliteId(), t.name(), round(t.latitude(), digits), round(t.longitude(), digits),
                round(t.altitude(), digits), round(t.velocity(), digits), t.visibility(), round(t.footprint(), digits),
                t.timestamp(), round(t.dayNumber(), digits), round(t.solarLatitude(), digits),
                round(t.solarLongitude(), digits), t.units());
    }

    private static double round(double value, int digits) {
        return new BigDecimal(value).round(new MathContext(digits)).doubleValue();
    }

    @Benchmark
    public Telemetry parse() {
        next = (next + 1) & (RECORDS - 1);
        return TelemetryJson.parse(json[next]);
    }
}
