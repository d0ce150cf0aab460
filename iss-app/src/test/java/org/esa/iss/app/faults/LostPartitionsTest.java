package org.esa.iss.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.esa.iss.adapter.delta.DeltaBronzeTable;
import org.esa.iss.adapter.delta.DeltaQuarantineTable;
import org.esa.iss.adapter.kafka.FeedOptions;
import org.esa.iss.adapter.kafka.KafkaTelemetryFeed;
import org.esa.iss.ports.IngestOptions;
import org.esa.iss.ports.IngestService;
import org.esa.iss.ports.in.IngestSummary;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.PartitionPositions;
import org.esa.iss.ports.out.PositionedTable;
import org.esa.iss.ports.out.RawRecord;
import org.esa.iss.ports.out.SlotClock;
import org.esa.iss.ports.out.TelemetryFeed;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * An ingester whose polling stalls past {@code max.poll.interval.ms} (a long pause, a hung thread) is put out of
 * its group by a real broker while another member takes its partitions; when it polls again Kafka tells it they
 * are lost. It drops what it had not committed and goes on from the tables, or, if a commit of its own was already
 * on its way, stops to be restarted as the refusal says: bronze still holds every offset once.
 */
@Tag("fault")
@Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class LostPartitionsTest {
    private static final int PARTITIONS = 2;
    private static final int RECORDS = 20_000;
    private static final Duration MAX_POLL_INTERVAL = Duration.ofMillis(1_500);
    private static final String GROUP = "iss-bronze-lost-" + java.util.UUID.randomUUID();

    @TempDir
    Path work;

    @Test
    void anIngesterPutOutOfItsGroupDropsWhatItHeldAndNothingIsLostOrRepeated() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger listenerLog = (Logger) LoggerFactory.getLogger("org.esa.iss.adapter.kafka.PositionsRebalanceListener");
        listenerLog.addAppender(log);
        TelemetryPayloads payloads = new TelemetryPayloads();
        DataDir data = new DataDir(work.resolve("data"));
        try (TestBroker broker = TestBroker.start(work.resolve("kafka"));
             TestBroker.RawProducer producer = broker.producer(64 * 1024)) {
            broker.createTopic(PARTITIONS, Map.of());
            payloads.publish(producer, PARTITIONS, 0, RECORDS / 2);

            DeltaBronzeTable bronzeReader = new DeltaBronzeTable(data.bronze().toString());
            StallingFeed stalling = new StallingFeed(feed(broker));
            Supervised first = new Supervised("ingester-1", stalling, data);
            // Caught up and idle, so the stall holds no batch: the next poll after it is where Kafka says "lost".
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> first.failed() || TelemetryPayloads.allIn(bronzeReader.lastOffsets(), PARTITIONS, RECORDS / 2 / PARTITIONS));

            stalling.stallNextPoll(MAX_POLL_INTERVAL.multipliedBy(4));
            Supervised second = new Supervised("ingester-2", feed(broker), data); // takes both while the first stalls
            payloads.publish(producer, PARTITIONS, RECORDS / 2, RECORDS);

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                first.restartIfStopped(broker);
                second.restartIfStopped(broker);
                return TelemetryPayloads.allIn(bronzeReader.lastOffsets(), PARTITIONS, RECORDS / PARTITIONS);
            });
            first.stop();
            second.stop();
            System.out.printf("lost partitions: first %s, second %s%n", first, second);

            assertThat(log.list).as("the stalled ingester was told its partitions were lost")
                    .anyMatch(e -> e.getFormattedMessage().startsWith("partitions lost"));
            Map<Integer, Long> ends = broker.endOffsets(PARTITIONS);
            List<TableRows.BronzeRow> bronze = ExactlyOnce.assertEveryOffsetOnce(data.bronze(), data.quarantine(), ends, Set.of());
            assertThat(bronze).extracting(row -> row.timestamp() - TelemetryPayloads.START)
                    .containsExactlyInAnyOrderElementsOf(LongStream.range(0, RECORDS).boxed().toList());
        } finally {
            listenerLog.detachAppender(log);
        }
    }



    private static KafkaTelemetryFeed feed(TestBroker broker) {
        return new KafkaTelemetryFeed(FeedOptions.group(broker.bootstrapServers(), TestBroker.TOPIC, GROUP)
                .withMaxPollRecords(200)
                .withClientProperty("max.poll.interval.ms", String.valueOf(MAX_POLL_INTERVAL.toMillis())));
    }

    private static IngestService ingester(TelemetryFeed feed, DataDir data) {
        return new IngestService(feed, new DeltaBronzeTable(data.bronze().toString()),
                new DeltaQuarantineTable(data.quarantine().toString()), SlotClock.SYSTEM,
                new IngestOptions(1_000, Duration.ofMillis(200), Duration.ofMillis(100), 1_000_000));
    }

    /**
     * An ingester run as a supervisor (systemd, Kubernetes) runs {@code iss bronze}: one that stops because another
     * writer took its partitions, as it is meant to, is started again; any other failure fails the test.
     */
    private static final class Supervised {
        private final String name;
        private final DataDir data;
        private TelemetryFeed feed;
        private IngestService ingester;
        private StageThread<IngestSummary> run;
        private long rowsBefore;
        private int restarts;

        Supervised(String name, TelemetryFeed feed, DataDir data) {
            this.name = name;
            this.data = data;
            start(feed);
        }

        private void start(TelemetryFeed newFeed) {
            feed = newFeed;
            ingester = ingester(newFeed, data);
            run = StageThread.start(name, () -> ingester.run(false));
        }

        boolean failed() {
            return run.failure() != null;
        }

        long rows() {
            return rowsBefore + ingester.progress().rows();
        }

        void restartIfStopped(TestBroker broker) {
            if (run.failure() == null) {
                return;
            }
            assertStoppedAsMeant();
            rowsBefore = rows();
            feed.close();
            restarts++;
            start(feed(broker));
        }

        private void assertStoppedAsMeant() {
            assertThat(run.failure()).as("how %s stopped", name).isInstanceOf(PositionedTable.ConcurrentOwnership.class)
                    .hasMessageContaining("Restart this ingester");
        }

        void stop() throws InterruptedException {
            ingester.stop();
            try {
                run.join(60);
            } catch (AssertionError stoppedOrStuck) {
                if (run.isAlive()) {
                    throw stoppedOrStuck;
                }
                assertStoppedAsMeant();
            }
            feed.close();
        }

        @Override
        public String toString() {
            return name + ": " + rows() + " rows, restarted " + restarts + " time(s) after another writer took its partitions";
        }
    }

    /** A feed whose next poll waits first, as a thread stalled between two polls would. */
    private static final class StallingFeed implements TelemetryFeed {
        private final KafkaTelemetryFeed feed;
        private volatile Duration stall = Duration.ZERO;

        StallingFeed(KafkaTelemetryFeed feed) {
            this.feed = feed;
        }

        void stallNextPoll(Duration duration) {
            stall = duration;
        }

        @Override
        public void start(PartitionPositions positions) {
            feed.start(positions);
        }

        @Override
        public List<RawRecord> poll(Duration timeout) {
            Duration pause = stall;
            if (!pause.isZero()) {
                stall = Duration.ZERO;
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return feed.poll(timeout);
        }

        @Override
        public Set<FeedPartition> assignment() {
            return feed.assignment();
        }

        @Override
        public Map<FeedPartition, Long> endOffsets() {
            return feed.endOffsets();
        }

        @Override
        public Map<FeedPartition, Long> endOffsets(Collection<FeedPartition> partitions) {
            return feed.endOffsets(partitions);
        }

        @Override
        public void reportProgress(Map<FeedPartition, Long> nextOffsets) {
            feed.reportProgress(nextOffsets);
        }

        @Override
        public void wakeup() {
            feed.wakeup();
        }

        @Override
        public void close() {
            feed.close();
        }
    }
}
