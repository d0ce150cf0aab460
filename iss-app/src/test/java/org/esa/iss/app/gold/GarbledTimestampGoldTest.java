package org.esa.iss.app.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.ports.RefineOptions;
import org.esa.iss.ports.in.RefineSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fix dated far in the future, in a real bronze table, is left out of gold by its commit's time, and gold goes on
 * as if it had not been there, rather than holding the watermark in the future and dropping every later fix as late.
 */
class GarbledTimestampGoldTest {
    private static final int SECONDS = 1_200;
    private static final RefineOptions OPTIONS = GoldFixture.options(3);

    @TempDir
    Path dir;

    @Test
    void aFixDatedYearsAheadIsLeftOutAndGoldGoesOnAsWithoutIt() throws Exception {
        List<Telemetry> track = LongStream.range(0, SECONDS).mapToObj(SimulatedPolls::fixAt).toList();
        List<Telemetry> garbled = new ArrayList<>(track);
        Telemetry real = track.get(SECONDS / 2);
        garbled.add(SECONDS / 2 + 1, withTimestamp(real, real.timestamp() + 80L * 365 * 86_400)); // eighty years on

        GoldFixture clean = GoldFixture.at(dir.resolve("clean/gold"));
        RefineSummary cleanRun = refine("clean", clean, track);
        GoldFixture withGarbled = GoldFixture.at(dir.resolve("garbled/gold"));
        RefineSummary garbledRun = refine("garbled", withGarbled, garbled);

        assertThat(garbledRun.aheadEvents()).isEqualTo(1);
        assertThat(garbledRun.lateEvents()).isZero();
        assertThat(cleanRun.aheadEvents()).isZero();
        assertThat(withGarbled.windows()).hasSizeGreaterThan(SECONDS / 5 - 3).containsExactlyElementsOf(clean.windows());
    }

    private RefineSummary refine(String name, GoldFixture gold, List<Telemetry> bronzeContent) throws Exception {
        String bronze = dir.resolve(name + "/bronze").toString();
        BronzeFixture.at(bronze).appendIn(bronzeContent, 6, 7);
        return gold.refine(bronze, OPTIONS);
    }

    private static Telemetry withTimestamp(Telemetry t, long timestamp) {
        return new Telemetry(t.satelliteId(), t.name(), t.latitude(), t.longitude(), t.altitude(), t.velocity(),
                t.visibility(), t.footprint(), timestamp, t.dayNumber(), t.solarLatitude(), t.solarLongitude(), t.units());
    }
}
