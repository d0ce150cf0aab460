package org.esa.iss.ports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import org.esa.iss.domain.AltitudeAggregator;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.OrbitOptions;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.WindowSpec;
import org.esa.iss.ports.RefineServiceTest.RecordingSink;
import org.esa.iss.ports.in.RefineSummary;
import org.esa.iss.ports.memory.CrashSwitch;
import org.esa.iss.ports.memory.InMemoryBronzeTable;
import org.esa.iss.ports.memory.InMemoryGoldTable;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.FeedPartition;
import org.junit.jupiter.api.Test;

/** A fix far ahead of when bronze received it would hold gold's watermark in the future; it is left out instead. */
class AheadOfTimeTest {
    private static final FeedPartition P0 = new FeedPartition("iss", 0);
    private static final int SECONDS = 600;
    /** A garbled timestamp: 2100-01-01. */
    private static final long YEAR_2100 = 4_102_444_800L;

    private final InMemoryGoldTable<AltitudeWindow> windows = new InMemoryGoldTable<>("windows", CrashSwitch.NEVER);
    private final InMemoryGoldTable<Orbit> orbits = new InMemoryGoldTable<>("orbits", CrashSwitch.NEVER);

    @Test
    void aFixFarAheadOfItsReceptionIsLeftOutAndGoldGoesOnAsWithoutIt() throws Exception {
        InMemoryBronzeTable bronze = bronzeReceivedAsItHappens(second -> second, 300);

        RefineSummary summary = refine(bronze);

        assertThat(summary.aheadEvents()).isEqualTo(1);
        assertThat(summary.lateEvents()).isZero();
        assertThat(windows.rows()).isEqualTo(oracle(bronze, second -> second, false).windows).hasSizeGreaterThan(100);
    }

    /** As from `iss simulator --speed 60`: each fix 60 s after the one before, received a second apart. */
    @Test
    void aSourceRunningAheadOfTheClockStepByStepIsFollowed() throws Exception {
        LongUnaryOperator sixtyTimesFaster = second -> second * 60;
        InMemoryBronzeTable bronze = bronzeReceivedAsItHappens(sixtyTimesFaster, -1);

        RefineSummary summary = refine(bronze);

        assertThat(summary.aheadEvents()).isZero();
        assertThat(windows.rows()).isEqualTo(oracle(bronze, sixtyTimesFaster, true).windows).hasSize(SECONDS - 1); // the last window waits for the watermark
    }

    /** After a poller outage of two minutes, the same source is two hours on: its fixes confirm each other. */
    @Test
    void aSourceRunningAheadOfTheClockIsFollowedAcrossAGapLongerThanTheLead() throws Exception {
        LongUnaryOperator sixtyTimesFaster = second -> second * 60;
        InMemoryBronzeTable bronze = bronzeReceivedAsItHappens(sixtyTimesFaster, -1, second -> second < 200 || second >= 320);

        RefineSummary summary = refine(bronze);

        assertThat(summary.aheadEvents()).isZero();
        assertThat(windows.rows()).isEqualTo(oracle(bronze, sixtyTimesFaster, true).windows).hasSize(SECONDS - 120 - 1);
    }

    @Test
    void aFreshGoldTakesASourceThatStartsADayAheadOfTheClock() throws Exception {
        LongUnaryOperator aDayAhead = second -> second + 86_400;
        InMemoryBronzeTable bronze = bronzeReceivedAsItHappens(aDayAhead, -1, second -> true);

        RefineSummary summary = refine(bronze);

        assertThat(summary.aheadEvents()).isZero();
        assertThat(windows.rows()).isEqualTo(oracle(bronze, aDayAhead, true).windows).isNotEmpty();
    }

    private RefineSummary refine(InMemoryBronzeTable bronze) throws InterruptedException {
        return new RefineService(bronze, windows, orbits, new FakeTime(Instant.EPOCH), new RefineOptions(WindowSpec.DEFAULT,
                OrbitOptions.DEFAULT, 0, Duration.ZERO, 7, Duration.ofHours(1))).run(true);
    }

    /**
     * A satellite's fixes, a version every ten, each received (Kafka timestamp) at its own second from the start
     * while its event time is {@code eventSecond} of it; at {@code garbledAt}, if not -1, one more fix dated 2100.
     */
    private static InMemoryBronzeTable bronzeReceivedAsItHappens(LongUnaryOperator eventSecond, int garbledAt) {
        return bronzeReceivedAsItHappens(eventSecond, garbledAt, second -> true);
    }

    /** The same, with a fix only for the seconds {@code polled} (an outage between). */
    private static InMemoryBronzeTable bronzeReceivedAsItHappens(LongUnaryOperator eventSecond, int garbledAt,
                                                                 java.util.function.IntPredicate polled) {
        InMemoryBronzeTable bronze = new InMemoryBronzeTable(CrashSwitch.NEVER);
        List<BronzeRecord> batch = new ArrayList<>();
        long offset = 0;
        for (int s = 0; s < SECONDS; s++) {
            long receivedMs = (TestTelemetry.START + s) * 1_000;
            if (polled.test(s)) {
                batch.add(new BronzeRecord(TestTelemetry.at(eventSecond.applyAsLong(s)), P0, offset++, receivedMs, "simulator"));
            }
            if (s == garbledAt) {
                batch.add(new BronzeRecord(TestTelemetry.at(YEAR_2100 - TestTelemetry.START), P0, offset++, receivedMs, "simulator"));
            }
            if (s % 10 == 9 && !batch.isEmpty()) {
                bronze.append(batch, Map.of(P0, offset - 1));
                batch = new ArrayList<>();
            }
        }
        return bronze;
    }

    /** What aggregating bronze's fixes gives, with or without those dated 2100. */
    private static RecordingSink oracle(InMemoryBronzeTable bronze, LongUnaryOperator eventSecond, boolean withGarbled) {
        RecordingSink expected = new RecordingSink();
        AltitudeAggregator aggregator = new AltitudeAggregator(WindowSpec.DEFAULT, OrbitOptions.DEFAULT);
        for (BronzeRecord row : bronze.rows()) {
            Telemetry t = row.telemetry();
            if (withGarbled || t.timestamp() < YEAR_2100) {
                aggregator.accept(t.toFix(), expected);
            }
        }
        return expected;
    }
}
