package org.esa.iss.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.domain.Units;
import org.esa.iss.ports.out.GroundControlFailure;
import org.esa.iss.ports.out.Observation;
import org.junit.jupiter.api.Test;

class SimulatedGroundControlTest {
    private static final Instant NOW = Instant.ofEpochSecond(1714032708, 250_000_000);
    private final IssSimulator simulator = new IssSimulator(RealIssRecords.ISS_2024_04_25, Clock.fixed(NOW, ZoneOffset.UTC));
    private final SimulatedGroundControl groundControl = new SimulatedGroundControl(simulator, Units.KILOMETERS);

    @Test
    void currentPositionIsTheSimulatorsRecordForNowMarkedSimulator() throws Exception {
        Observation observation = groundControl.currentPosition(NOW.plusMillis(500));
        assertThat(observation.telemetry()).isEqualTo(simulator.at(1714032708, Units.KILOMETERS));
        assertThat(TelemetryJson.parse(observation.json())).isEqualTo(observation.telemetry());
        assertThat(observation.source()).isEqualTo("simulator");
        assertThat(observation.fetchedAt()).isEqualTo(NOW);
        assertThat(groundControl.source()).isEqualTo("simulator");
    }

    @Test
    void positionsAreAnsweredPerTimestamp() throws Exception {
        List<Observation> observations = groundControl.positionsAt(List.of(1714032700L, 1714032650L), NOW);
        assertThat(observations).extracting(o -> o.telemetry().timestamp()).containsExactly(1714032700L, 1714032650L);
    }

    @Test
    void aTimestampSgp4CannotReachIsAnInvalidResponse() {
        // Decades after the 2024 epoch the drag model has long decayed the orbit.
        assertThatThrownBy(() -> groundControl.positionsAt(List.of(3_000_000_000L), NOW))
                .isInstanceOf(GroundControlFailure.InvalidResponse.class).hasMessageContaining("fresher TLE");
    }
}
