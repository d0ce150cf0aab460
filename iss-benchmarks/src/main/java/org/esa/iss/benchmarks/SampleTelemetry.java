package org.esa.iss.benchmarks;

import java.time.Clock;
import java.time.Instant;
import org.esa.iss.adapter.http.IssSimulator;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.Units;

/** Realistic records for the benchmarks: the simulator's ISS, one per second, near the bundled TLE's epoch. */
final class SampleTelemetry {
    static final Instant START = Instant.parse("2024-04-25T00:00:00Z");

    private SampleTelemetry() {
    }

    /** {@code count} consecutive seconds of positions. */
    static Telemetry[] seconds(int count) {
        IssSimulator simulator = IssSimulator.withBundledTle(Clock.systemUTC());
        Telemetry[] records = new Telemetry[count];
        for (int i = 0; i < count; i++) {
            records[i] = simulator.at(START.getEpochSecond() + i, Units.KILOMETERS);
        }
        return records;
    }
}
