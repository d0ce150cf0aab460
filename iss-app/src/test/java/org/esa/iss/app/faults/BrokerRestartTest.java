package org.esa.iss.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.esa.iss.adapter.delta.DeltaBronzeTable;
import org.esa.iss.adapter.delta.DeltaQuarantineTable;
import org.esa.iss.adapter.http.IssSimulator;
import org.esa.iss.adapter.http.SimulatedGroundControl;
import org.esa.iss.adapter.http.TwoLineElements;
import org.esa.iss.adapter.kafka.FeedOptions;
import org.esa.iss.adapter.kafka.KafkaTelemetryFeed;
import org.esa.iss.adapter.kafka.KafkaTelemetryPublisher;
import org.esa.iss.adapter.kafka.PublisherOptions;
import org.esa.iss.domain.Units;
import org.esa.iss.ports.IngestOptions;
import org.esa.iss.ports.IngestService;
import org.esa.iss.ports.PollOptions;
import org.esa.iss.ports.PollingService;
import org.esa.iss.ports.in.IngestSummary;
import org.esa.iss.ports.in.PollStatistics;
import org.esa.iss.ports.out.SlotClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Case 2: the poller publishes at 2 Hz and an ingester follows live while the broker is stopped and
 * started again on the same port and data directory. Every poll published is delivered once and is in
 * bronze once: offsets 0..published-1.
 */
@Tag("fault")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BrokerRestartTest {
    private static final Duration BEFORE_OUTAGE = Duration.ofSeconds(8);
    private static final Duration OUTAGE = Duration.ofSeconds(8);
    private static final Duration AFTER_OUTAGE = Duration.ofSeconds(8);

    @TempDir
    Path work;

    @Test
    void pollsPublishedAcrossABrokerRestartAreInBronzeExactlyOnce() throws Exception {
        DataDir data = new DataDir(work.resolve("data"));
        try (TestBroker broker = TestBroker.start(work.resolve("kafka"))) {
            broker.createTopic(1, Map.of());
            IssSimulator simulator = IssSimulator.wrappingStaleTimes(TwoLineElements.bundledIss(), Clock.systemUTC(), Duration.ofDays(7));
            KafkaTelemetryPublisher publisher = new KafkaTelemetryPublisher(PublisherOptions.live(broker.bootstrapServers(), TestBroker.TOPIC));
            PollingService poller = new PollingService(new SimulatedGroundControl(simulator, Units.KILOMETERS), publisher,
                    SlotClock.SYSTEM, Clock.systemUTC(), PollOptions.DEFAULT, observation -> { });
            KafkaTelemetryFeed feed = new KafkaTelemetryFeed(FeedOptions.group(broker.bootstrapServers(), TestBroker.TOPIC, "iss-bronze"));
            IngestService ingester = new IngestService(feed, new DeltaBronzeTable(data.bronze().toString()),
                    new DeltaQuarantineTable(data.quarantine().toString()), SlotClock.SYSTEM,
                    new IngestOptions(10_000, Duration.ofMillis(300), Duration.ofMillis(200), 1_000_000));

            StageThread<PollStatistics> polling = StageThread.start("poller", () -> poller.run(0));
            StageThread<IngestSummary> ingesting = StageThread.start("ingester", () -> ingester.run(false));
            Thread.sleep(BEFORE_OUTAGE.toMillis());
            long publishedBeforeOutage = poller.statistics().published();
            broker.stop();
            Thread.sleep(OUTAGE.toMillis());
            long publishedDuringOutage = poller.statistics().published() - publishedBeforeOutage;
            broker.restart();
            Thread.sleep(AFTER_OUTAGE.toMillis());
            poller.stop();
            PollStatistics stats = polling.join(90); // returns once the publisher has flushed
            publisher.close();

            IngestSummary summary = LiveStages.stopWhenIngested(ingester, ingesting, data, stats.published());
            feed.close();
            System.out.printf("broker restart: %s; %d published during the outage; ingester %s%n", stats, publishedDuringOutage, summary);

            assertThat(publishedDuringOutage).as("polls published while the broker was down").isPositive();
            assertThat(stats.undeliverable()).as("undeliverable").isZero();
            assertThat(stats.delivered()).as("delivered").isEqualTo(stats.published());
            assertThat(stats.published()).as("published").isGreaterThan((BEFORE_OUTAGE.toSeconds() + AFTER_OUTAGE.toSeconds()) * 2 - 4);
            Map<Integer, Long> ends = broker.endOffsets(1);
            assertThat(ends).as("records in the topic").containsEntry(0, stats.published());
            ExactlyOnce.assertEveryOffsetOnce(data.bronze(), data.quarantine(), ends, Set.of());
        }
    }
}
