package org.esa.iss.adapter.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.Units;
import org.esa.iss.ports.out.GroundControl;
import org.esa.iss.ports.out.GroundControlFailure;
import org.esa.iss.ports.out.Observation;

/**
 * {@link GroundControl} answered in-process by an {@link IssSimulator}, with no HTTP and no network:
 * for offline runs, tests and benchmarks. Records are the same JSON the simulator server would send;
 * every observation's source is {@code simulator} and its fetch time comes from the simulator's clock.
 */
public final class SimulatedGroundControl implements GroundControl {
    /** The source every record from here carries. */
    public static final String SOURCE = "simulator";

    private final IssSimulator simulator;
    private final Units units;

    public SimulatedGroundControl(IssSimulator simulator, Units units) {
        this.simulator = Objects.requireNonNull(simulator, "simulator");
        this.units = Objects.requireNonNull(units, "units");
    }

    @Override
    public Observation currentPosition(Instant deadline) throws GroundControlFailure {
        return observe(simulator.currentTimestamp());
    }

    @Override
    public List<Observation> positionsAt(List<Long> timestamps, Instant deadline) throws GroundControlFailure {
        if (timestamps.size() > maxPositionsPerCall()) {
            throw new IllegalArgumentException("at most " + maxPositionsPerCall() + " timestamps per call, got " + timestamps.size());
        }
        List<Observation> result = new ArrayList<>(timestamps.size());
        for (long t : timestamps) {
            result.add(observe(t));
        }
        return result;
    }

    @Override
    public String source() {
        return SOURCE;
    }

    private Observation observe(long timestamp) throws GroundControlFailure {
        Telemetry telemetry;
        try {
            telemetry = simulator.at(timestamp, units);
        } catch (IllegalStateException e) {
            // SGP4 breaks down far from the element set's epoch: no valid record can be produced for this time.
            throw new GroundControlFailure.InvalidResponse("simulator cannot propagate to " + timestamp + ": "
                    + e.getMessage() + " (load a fresher TLE)", e);
        }
        return new Observation(telemetry, IssSimulator.json(telemetry), SOURCE, simulator.clock().instant());
    }
}
