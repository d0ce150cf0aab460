package org.esa.iss.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.esa.iss.adapter.http.IssSimulator;
import org.esa.iss.adapter.http.SimulatorFaults;
import org.esa.iss.adapter.http.SimulatorServer;
import org.esa.iss.adapter.http.TwoLineElements;
import org.esa.iss.adapter.http.WhereTheIssAtGroundControl;
import org.esa.iss.adapter.http.WhereTheIssAtOptions;
import org.esa.iss.ports.PollOptions;
import org.esa.iss.ports.PollingService;
import org.esa.iss.ports.in.PollStatistics;
import org.esa.iss.ports.memory.InMemoryTelemetryLog;
import org.esa.iss.ports.out.SlotClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Case 3: the poller at 2 Hz against a ground-control server that misbehaves in every way it knows
 * (latency, 500s, garbage bodies, dropped connections, hangs), then throttles with 429 and Retry-After, then
 * recovers. The server's faults are fixed at start, so each phase restarts it on the same port. The poller
 * never stops, stays on its schedule, counts every outcome, and backfills the seconds it missed.
 */
@Tag("fault")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class GroundControlFaultsTest {
    private static final Duration FAULTY = Duration.ofSeconds(35);
    private static final Duration THROTTLING = Duration.ofSeconds(15);
    private static final Duration HEALTHY = Duration.ofSeconds(30);
    /** The newest seconds may still wait for their backfill when the poller stops. */
    private static final long BACKFILL_TAIL_SECONDS = 10;

    private static final SimulatorFaults EVERYTHING_GOES_WRONG = SimulatorFaults.none()
            .withLatency(Duration.ofMillis(100))
            .withErrorRate(0.15)
            .withMalformedRate(0.10)
            .withDropRate(0.10)
            .withHang(0.05, Duration.ofSeconds(5))
            .withSeed(9);
    private static final SimulatorFaults THROTTLED = SimulatorFaults.none().withThrottle(1, Duration.ofSeconds(1));

    @Test
    void pollerSurvivesFaultsKeepsItsScheduleCountsOutcomesAndBackfills() throws Exception {
        IssSimulator simulator = IssSimulator.wrappingStaleTimes(TwoLineElements.bundledIss(), Clock.systemUTC(), Duration.ofDays(7));
        SimulatorServer server = SimulatorServer.start(simulator, 0, EVERYTHING_GOES_WRONG);
        int port = server.port();
        WhereTheIssAtGroundControl groundControl = new WhereTheIssAtGroundControl(
                WhereTheIssAtOptions.defaults().withBaseUrl(server.baseUri()).withSource("simulator"));
        NavigableSet<Long> published = new ConcurrentSkipListSet<>();
        PollingService poller = new PollingService(groundControl, new InMemoryTelemetryLog("iss", 1).publisher(),
                SlotClock.SYSTEM, Clock.systemUTC(), PollOptions.DEFAULT, observation -> published.add(observation.telemetry().timestamp()));
        AtomicLong began = new AtomicLong();
        AtomicLong ended = new AtomicLong();
        StageThread<PollStatistics> polling = StageThread.start("poller", () -> {
            began.set(System.nanoTime());
            PollStatistics result = poller.run(0);
            ended.set(System.nanoTime());
            return result;
        });
        List<String> phases = new ArrayList<>();
        try {
            Thread.sleep(FAULTY.toMillis());
            phases.add(phase("faulty", server, poller));
            server.close();
            server = startOn(simulator, port, THROTTLED);
            Thread.sleep(THROTTLING.toMillis());
            phases.add(phase("throttled", server, poller));
            server.close();
            server = startOn(simulator, port, SimulatorFaults.none());
            Thread.sleep(HEALTHY.toMillis());
            phases.add(phase("healthy", server, poller));
        } finally {
            poller.stop();
            server.close();
        }
        PollStatistics stats = polling.join(30);
        double expectedSlots = (ended.get() - began.get()) / (double) PollOptions.DEFAULT.interval().toNanos();
        System.out.printf("ground-control faults: %s; %s; %d distinct seconds published, %d given up%n",
                stats, String.join("; ", phases), published.size(), poller.secondsGivenUp());

        assertThat((double) stats.slots()).as("slots over %.1f slot lengths", expectedSlots).isCloseTo(expectedSlots, org.assertj.core.data.Offset.offset(1.0));
        assertThat(stats.ok() + stats.failed() + stats.throttled() + stats.skipped()).as("every slot ends in exactly one outcome")
                .isEqualTo(stats.slots());
        assertThat(stats.ok()).as("ok").isPositive();
        assertThat(stats.failed()).as("failed").isPositive();
        assertThat(stats.throttled()).as("throttled").isPositive();
        assertThat(stats.skipped()).as("skipped").isPositive();
        assertThat(stats.backfilled()).as("backfilled").isPositive();
        assertThat(stats.undeliverable()).as("undeliverable").isZero();
        assertThat(poller.secondsGivenUp()).as("seconds given up").isZero();

        long first = published.first();
        long last = published.last();
        List<Long> holes = new ArrayList<>();
        for (long second = first; second <= last - BACKFILL_TAIL_SECONDS; second++) {
            if (!published.contains(second)) {
                holes.add(second);
            }
        }
        assertThat(holes).as("seconds never published between %d and %d", first, last - BACKFILL_TAIL_SECONDS).isEmpty();
    }

    private static String phase(String name, SimulatorServer server, PollingService poller) {
        assertThat(server.requestCount()).as("requests in the %s phase", name).isPositive();
        return String.format("%s phase: %d requests, %d faults injected, poller %s", name, server.requestCount(),
                server.injectedFaultCount(), poller.statistics());
    }

    /** Restarts the server on the port the client knows; the old socket may take a moment to be released. */
    private static SimulatorServer startOn(IssSimulator simulator, int port, SimulatorFaults faults) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return SimulatorServer.start(simulator, port, faults);
            } catch (BindException e) {
                if (attempt == 50) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
