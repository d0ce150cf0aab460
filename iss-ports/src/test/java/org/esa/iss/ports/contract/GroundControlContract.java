package org.esa.iss.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.ports.out.GroundControl;
import org.esa.iss.ports.out.Observation;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GroundControl} promises the poller (its Javadoc lists the rules): an observation whose JSON is
 * its telemetry, marked with the source, and a backfill that answers every timestamp asked, in the order asked.
 * Extend it once per implementation. (Deadlines are the adapter's own tests' to prove, against a server that stalls.)
 */
public abstract class GroundControlContract {
    /** A ground control that answers; the satellite's positions around {@link #now()}. */
    protected abstract GroundControl groundControl() throws Exception;

    /** A unix second the ground control can answer for, and near which backfills ask. */
    protected abstract long now();

    @Test
    void theCurrentPositionIsItsJsonAndCarriesTheSource() throws Exception {
        GroundControl groundControl = groundControl();

        Observation observation = groundControl.currentPosition(Instant.now().plusSeconds(5));

        assertThat(TelemetryJson.parse(observation.json())).as("the JSON published is the telemetry").isEqualTo(observation.telemetry());
        assertThat(observation.source()).isEqualTo(groundControl.source()).isIn("api", "simulator");
    }

    @Test
    void aBackfillAnswersEveryTimestampAskedInTheOrderAsked() throws Exception {
        GroundControl groundControl = groundControl();
        List<Long> asked = LongStream.range(0, groundControl.maxPositionsPerCall()).map(i -> now() - 7 * i - 3).boxed().toList();

        List<Observation> answered = groundControl.positionsAt(asked, Instant.now().plusSeconds(5));

        assertThat(answered).extracting(o -> o.telemetry().timestamp()).containsExactlyElementsOf(asked);
        assertThat(answered).allSatisfy(o -> assertThat(TelemetryJson.parse(o.json())).isEqualTo(o.telemetry()));
    }
}
