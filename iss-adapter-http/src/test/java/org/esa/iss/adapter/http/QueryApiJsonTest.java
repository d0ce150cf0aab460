package org.esa.iss.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.esa.iss.domain.Fix;
import org.esa.iss.domain.Micros;
import org.esa.iss.domain.Orbit;
import org.junit.jupiter.api.Test;

class QueryApiJsonTest {

    @Test
    void anOrbitSpanningCenturiesIsWrittenInSecondsNotOverflowed() {
        Instant start = Instant.parse("2024-04-25T00:00:00Z");
        Duration centuries = Duration.ofDays(300L * 365);
        Instant end = start.plus(centuries);
        Fix apogee = new Fix(25544, Micros.of(start.plusSeconds(1)), 10, 0, 430);
        Fix perigee = new Fix(25544, Micros.of(end.minusSeconds(1)), -10, 0, 410);
        Orbit orbit = new Orbit(25544, start, end, apogee, perigee, 2, 1, centuries.minusSeconds(2), 0.0);

        String json = QueryApiJson.orbits(List.of(orbit));

        assertThat(json).contains("\"period_s\":" + (double) centuries.getSeconds())
                .contains("\"longest_gap_s\":" + (double) (centuries.getSeconds() - 2));
    }
}
