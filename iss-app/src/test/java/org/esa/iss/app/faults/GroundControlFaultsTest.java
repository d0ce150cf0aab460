package org.esa.iss.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.esa.iss.adapter.delta.DeltaBronzeChangeLog;
import org.esa.iss.adapter.delta.DeltaBronzeTable;
import org.esa.iss.adapter.delta.DeltaGoldTable;
import org.esa.iss.adapter.delta.DeltaQuarantineTable;
import org.esa.iss.adapter.delta.DeltaTableOptions;
import org.esa.iss.adapter.http.IssSimulator;
import org.esa.iss.adapter.http.SimulatorFaults;
import org.esa.iss.adapter.http.SimulatorServer;
import org.esa.iss.adapter.http.TwoLineElements;
import org.esa.iss.adapter.http.WhereTheIssAtGroundControl;
import org.esa.iss.adapter.http.WhereTheIssAtOptions;
import org.esa.iss.adapter.kafka.FeedOptions;
import org.esa.iss.adapter.kafka.KafkaTelemetryFeed;
import org.esa.iss.adapter.kafka.KafkaTelemetryPublisher;
import org.esa.iss.adapter.kafka.PublisherOptions;
import org.esa.iss.ports.IngestOptions;
import org.esa.iss.ports.IngestService;
import org.esa.iss.ports.PollOptions;
import org.esa.iss.ports.PollingService;
import org.esa.iss.ports.RefineOptions;
import org.esa.iss.ports.RefineService;
import org.esa.iss.ports.in.IngestSummary;
import org.esa.iss.ports.in.PollStatistics;
import org.esa.iss.ports.in.RefineSummary;
import org.esa.iss.ports.out.SlotClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Case 3: the poller at 2 Hz against a ground-control server that misbehaves in every way it knows
 * (latency, 500s, garbage bodies, dropped connections, hangs), then throttles with 429 and Retry-After, then
 * recovers. The server's faults are fixed at start, so each phase restarts it on the same port. The poller
 * never stops, stays on its schedule, counts every outcome, and backfills the seconds it missed. What it
 * publishes goes through a real broker to an ingester and a refiner following live: bronze holds every offset
 * once and every second, and gold equals gold refined from the topic in one uninterrupted run.
 */
@Tag("fault")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
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

    @TempDir
    Path work;

    @Test
    void pollerSurvivesFaultsKeepsItsScheduleCountsOutcomesAndBackfills() throws Exception {
        DataDir data = new DataDir(work.resolve("data"));
        try (TestBroker broker = TestBroker.start(work.resolve("kafka"))) {
            broker.createTopic(1, Map.of());
            IssSimulator simulator = IssSimulator.wrappingStaleTimes(TwoLineElements.bundledIss(), Clock.systemUTC(), Duration.ofDays(7));
            SimulatorServer server = SimulatorServer.start(simulator, 0, EVERYTHING_GOES_WRONG);
            int port = server.port();
            WhereTheIssAtGroundControl groundControl = new WhereTheIssAtGroundControl(
                    WhereTheIssAtOptions.defaults().withBaseUrl(server.baseUri()).withSource("simulator"));
            KafkaTelemetryPublisher publisher = new KafkaTelemetryPublisher(PublisherOptions.live(broker.bootstrapServers(), TestBroker.TOPIC));
            PollingService poller = new PollingService(groundControl, publisher, SlotClock.SYSTEM, Clock.systemUTC(), PollOptions.DEFAULT,
                    observation -> { });
            KafkaTelemetryFeed feed = new KafkaTelemetryFeed(FeedOptions.group(broker.bootstrapServers(), TestBroker.TOPIC, "iss-bronze"));
            IngestService ingester = new IngestService(feed, new DeltaBronzeTable(data.bronze().toString()),
                    new DeltaQuarantineTable(data.quarantine().toString()), SlotClock.SYSTEM,
                    new IngestOptions(10_000, Duration.ofMillis(300), Duration.ofMillis(200), 1_000_000));
            DeltaTableOptions tables = DeltaTableOptions.defaults();
            RefineService refiner = new RefineService(new DeltaBronzeChangeLog(data.bronze().toString()),
                    DeltaGoldTable.altitudeWindows(data.windows().toString(), tables),
                    DeltaGoldTable.orbits(data.orbits().toString(), tables), SlotClock.SYSTEM,
                    new RefineOptions(RefineOptions.DEFAULT.windows(), RefineOptions.DEFAULT.orbits(), 0, Duration.ofMillis(200), 10));
            AtomicLong began = new AtomicLong();
            AtomicLong ended = new AtomicLong();
            StageThread<PollStatistics> polling = StageThread.start("poller", () -> {
                began.set(System.nanoTime());
                PollStatistics result = poller.run(0);
                ended.set(System.nanoTime());
                return result;
            });
            StageThread<IngestSummary> ingesting = StageThread.start("ingester", () -> ingester.run(false));
            StageThread<RefineSummary> refining = StageThread.start("refiner", () -> refiner.run(false));
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
            PollStatistics stats = polling.join(30); // returns once the publisher has flushed
            publisher.close();
            IngestSummary ingested = LiveStages.stopWhenIngested(ingester, ingesting, data, stats.published());
            feed.close();
            RefineSummary refined = LiveStages.stopWhenRefined(refiner, refining, data);
            double expectedSlots = (ended.get() - began.get()) / (double) PollOptions.DEFAULT.interval().toNanos();
            System.out.printf("ground-control faults: %s; %s; %d given up; ingester %s; refiner %s%n",
                    stats, String.join("; ", phases), poller.secondsGivenUp(), ingested, refined);

            assertThat((double) stats.slots()).as("slots over %.1f slot lengths", expectedSlots).isCloseTo(expectedSlots, org.assertj.core.data.Offset.offset(1.0));
            assertThat(stats.ok() + stats.failed() + stats.throttled() + stats.skipped()).as("every slot ends in exactly one outcome")
                    .isEqualTo(stats.slots());
            assertThat(stats.ok()).as("ok").isPositive();
            assertThat(stats.failed()).as("failed").isPositive();
            assertThat(stats.throttled()).as("throttled").isPositive();
            assertThat(stats.skipped()).as("skipped").isPositive();
            assertThat(stats.backfilled()).as("backfilled").isPositive();
            assertThat(stats.undeliverable()).as("undeliverable").isZero();
            assertThat(stats.delivered()).as("delivered").isEqualTo(stats.published());
            assertThat(poller.secondsGivenUp()).as("seconds given up").isZero();

            Map<Integer, Long> ends = broker.endOffsets(1);
            assertThat(ends).as("records in the topic").containsEntry(0, stats.published());
            List<TableRows.BronzeRow> bronze = ExactlyOnce.assertEveryOffsetOnce(data.bronze(), data.quarantine(), ends, Set.of());
            NavigableSet<Long> seconds = new TreeSet<>();
            bronze.forEach(row -> seconds.add(row.timestamp()));
            long first = seconds.first();
            long last = seconds.last();
            List<Long> holes = new ArrayList<>();
            for (long second = first; second <= last - BACKFILL_TAIL_SECONDS; second++) {
                if (!seconds.contains(second)) {
                    holes.add(second);
                }
            }
            assertThat(holes).as("seconds not in bronze between %d and %d", first, last - BACKFILL_TAIL_SECONDS).isEmpty();

            GoldTables expected = GoldTables.ingestedAndRefinedInOneRun(broker, new DataDir(work.resolve("reference")));
            GoldTables actual = GoldTables.read(data);
            assertThat(expected.windows()).as("reference windows").isNotEmpty();
            assertThat(actual.windows()).as("windows refined live").isEqualTo(expected.windows());
            assertThat(actual.orbits()).as("orbits refined live").isEqualTo(expected.orbits());
        }
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
