package org.esa.iss.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.esa.iss.adapter.delta.DeltaBronzeTable;
import org.esa.iss.adapter.delta.DeltaQuarantineTable;
import org.esa.iss.adapter.kafka.FeedOptions;
import org.esa.iss.adapter.kafka.KafkaTelemetryFeed;
import org.esa.iss.ports.IngestOptions;
import org.esa.iss.ports.IngestService;
import org.esa.iss.ports.in.IngestSummary;
import org.esa.iss.ports.out.SlotClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Case 5: two ingesters in one consumer group share a 4-partition topic. The second joins while the first
 * is mid-stream (partitions move), then the first leaves (they move back). Bronze holds records 0..N-1,
 * each once.
 */
@Tag("fault")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConsumerGroupRebalanceTest {
    private static final int PARTITIONS = 4;
    private static final int RECORDS = 40_000;
    // a group of its own: a consumer another test left behind on a reused port must not take partitions here
    private static final String GROUP = "iss-bronze-rebalance-" + java.util.UUID.randomUUID();

    @TempDir
    Path work;

    @Test
    void partitionsMovingBetweenTwoIngestersLoseAndRepeatNothing() throws Exception {
        TelemetryPayloads payloads = new TelemetryPayloads();
        DataDir data = new DataDir(work.resolve("data"));
        try (TestBroker broker = TestBroker.start(work.resolve("kafka"));
             TestBroker.RawProducer producer = broker.producer(64 * 1024)) {
            broker.createTopic(PARTITIONS, Map.of());
            payloads.publish(producer, PARTITIONS, 0, RECORDS / 2);

            KafkaTelemetryFeed firstFeed = feed(broker);
            IngestService first = ingester(firstFeed, data);
            StageThread<IngestSummary> firstRun = StageThread.start("ingester-1", () -> first.run(false));
            await().atMost(Duration.ofSeconds(60)).until(() -> first.progress().rows() >= 4_000 || firstRun.failure() != null);

            KafkaTelemetryFeed secondFeed = feed(broker);
            IngestService second = ingester(secondFeed, data);
            StageThread<IngestSummary> secondRun = StageThread.start("ingester-2", () -> second.run(false));
            // The second half trickles in while the group rebalances, so that part of it reaches the second
            // ingester whenever its partitions arrive (a warm first ingester would otherwise take it all).
            for (int from = RECORDS / 2; from < RECORDS; from += RECORDS / 40) {
                payloads.publish(producer, PARTITIONS, from, Math.min(RECORDS, from + RECORDS / 40));
                Thread.sleep(300);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> second.progress().rows() > 0 || secondRun.failure() != null);
            long firstRowsAtJoin = first.progress().rows();

            first.stop(); // it commits what it holds, then leaves the group: its partitions move to the second
            IngestSummary firstSummary = firstRun.join(60);
            firstFeed.close();

            DeltaBronzeTable bronzeReader = new DeltaBronzeTable(data.bronze().toString());
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> TelemetryPayloads.allIn(bronzeReader.lastOffsets(), PARTITIONS, RECORDS / PARTITIONS) || secondRun.failure() != null);
            second.stop();
            IngestSummary secondSummary = secondRun.join(60);
            secondFeed.close();
            System.out.printf("rebalance: first %s (%d rows when the second joined), second %s%n",
                    firstSummary, firstRowsAtJoin, secondSummary);

            assertThat(firstSummary.rows()).as("rows the first ingester wrote").isPositive().isLessThan(RECORDS);
            assertThat(secondSummary.rows()).as("rows the second ingester wrote").isPositive();
            Map<Integer, Long> ends = broker.endOffsets(PARTITIONS);
            List<TableRows.BronzeRow> bronze = ExactlyOnce.assertEveryOffsetOnce(data.bronze(), data.quarantine(), ends, Set.of());
            assertThat(bronze).extracting(row -> row.timestamp() - TelemetryPayloads.START)
                    .containsExactlyInAnyOrderElementsOf(LongStream.range(0, RECORDS).boxed().toList());
        }
    }



    private static KafkaTelemetryFeed feed(TestBroker broker) {
        return new KafkaTelemetryFeed(FeedOptions.group(broker.bootstrapServers(), TestBroker.TOPIC, GROUP)
                .withMaxPollRecords(500));
    }

    /** Small, frequent commits, so that partitions move while commits are in flight. */
    private static IngestService ingester(KafkaTelemetryFeed feed, DataDir data) {
        return new IngestService(feed, new DeltaBronzeTable(data.bronze().toString()),
                new DeltaQuarantineTable(data.quarantine().toString()), SlotClock.SYSTEM,
                new IngestOptions(1_000, Duration.ofMillis(200), Duration.ofMillis(100), 1_000_000));
    }
}
