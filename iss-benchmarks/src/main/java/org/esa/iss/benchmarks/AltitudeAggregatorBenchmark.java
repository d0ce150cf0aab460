package org.esa.iss.benchmarks;

import java.util.concurrent.TimeUnit;
import org.esa.iss.domain.AggregationSink;
import org.esa.iss.domain.AltitudeAggregator;
import org.esa.iss.domain.Fix;
import org.esa.iss.domain.OrbitOptions;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.WindowSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One event through the window and orbit aggregation, as gold refinement does for every bronze row, with
 * the default 5 s windows and 10 s watermark. Event time advances one second per event, so windows close
 * and orbits complete at the real rate; each event's {@link Fix} is built in the benchmark (as the bronze
 * reader builds one per row), from a day of simulated positions.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AltitudeAggregatorBenchmark {
    private static final int DAY = 86_400;

    private double[] latitude;
    private double[] longitude;
    private double[] altitudeKm;
    private long satelliteId;
    private AltitudeAggregator aggregator;
    private AggregationSink sink;
    private long second;

    @Setup(Level.Trial)
    public void simulateDay(Blackhole blackhole) {
        Telemetry[] day = SampleTelemetry.seconds(DAY);
        latitude = new double[DAY];
        longitude = new double[DAY];
        altitudeKm = new double[DAY];
        for (int i = 0; i < DAY; i++) {
            latitude[i] = day[i].latitude();
            longitude[i] = day[i].longitude();
            altitudeKm[i] = day[i].altitudeKm();
        }
        satelliteId = day[0].satelliteId();
        sink = AggregationSink.of(blackhole::consume, blackhole::consume);
    }

    @Setup(Level.Iteration)
    public void freshAggregator() {
        aggregator = new AltitudeAggregator(WindowSpec.DEFAULT, OrbitOptions.DEFAULT);
        second = 0;
    }

    @Benchmark
    public boolean accept() {
        int i = (int) (second % DAY);
        long eventMicros = (SampleTelemetry.START.getEpochSecond() + second++) * 1_000_000L;
        return aggregator.accept(new Fix(satelliteId, eventMicros, latitude[i], longitude[i], altitudeKm[i]), sink);
    }
}
