package org.esa.iss.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.esa.iss.adapter.delta.DeltaBronzeTable;
import org.esa.iss.adapter.delta.DeltaQuarantineTable;
import org.esa.iss.adapter.kafka.FeedOptions;
import org.esa.iss.adapter.kafka.KafkaTelemetryFeed;
import org.esa.iss.app.faults.ExactlyOnce.Coordinates;
import org.esa.iss.ports.IngestOptions;
import org.esa.iss.ports.IngestService;
import org.esa.iss.ports.in.IngestSummary;
import org.esa.iss.ports.in.RefineSummary;
import org.esa.iss.ports.out.SlotClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Case 4: a topic full of garbage mixed with valid records. The real feed and Delta tables ingest it
 * until caught up without stopping: every invalid payload lands in quarantine byte for byte with its
 * error, every valid one in bronze, each offset once.
 */
@Tag("fault")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FuzzedPayloadsTest {
    private static final int PAYLOADS = 10_000;
    private static final int PARTITIONS = 2;
    /** Every 500th invalid payload is 1 MB (ten in all): far beyond a record, within the topic's limit. */
    private static final int ONE_MEGABYTE_EVERY = 500;
    private static final int MAX_VALUE_BYTES = 2 << 20;

    @TempDir
    Path work;

    @Test
    void everyInvalidPayloadIsQuarantinedWithItsErrorAndEveryValidOneReachesBronzeAndGold() throws InterruptedException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        TelemetryPayloads payloads = new TelemetryPayloads();
        byte[] key = "25544".getBytes(StandardCharsets.UTF_8);
        Map<Coordinates, byte[]> invalidValues = new HashMap<>();
        Map<Coordinates, String> invalidKinds = new HashMap<>();
        Set<Long> validTimestamps = new HashSet<>();
        long[] next = new long[PARTITIONS];
        int invalidCount = 0;

        try (TestBroker broker = TestBroker.start(work.resolve("kafka"))) {
            broker.createTopic(PARTITIONS, Map.of("max.message.bytes", String.valueOf(MAX_VALUE_BYTES + 64 * 1024)));
            try (TestBroker.RawProducer producer = broker.producer(MAX_VALUE_BYTES)) {
                for (int n = 0; n < PAYLOADS; n++) {
                    int partition = n % PARTITIONS;
                    Coordinates at = new Coordinates(partition, next[partition]++);
                    byte[] recordKey = n % 3 == 0 ? null : key; // null keys, for valid and invalid records alike
                    byte[] value;
                    if (random.nextBoolean()) {
                        value = payloads.valid(n);
                        validTimestamps.add(TelemetryPayloads.START + n);
                    } else {
                        String json = payloads.validText(n);
                        invalidCount++;
                        if (invalidCount % ONE_MEGABYTE_EVERY == 0) {
                            value = TelemetryPayloads.oneMegabyte(json);
                            invalidKinds.put(at, "1 MB value");
                        } else {
                            TelemetryPayloads.Fuzz fuzz = TelemetryPayloads.INVALID.get(random.nextInt(TelemetryPayloads.INVALID.size()));
                            value = fuzz.apply(json, random);
                            invalidKinds.put(at, fuzz.kind());
                        }
                        invalidValues.put(at, value);
                    }
                    producer.send(partition, recordKey, value);
                }
                producer.flush();
            }
            Map<Integer, Long> ends = broker.endOffsets(PARTITIONS);
            assertThat(ends).containsEntry(0, next[0]).containsEntry(1, next[1]);

            DataDir data = new DataDir(work.resolve("data"));
            KafkaTelemetryFeed feed = new KafkaTelemetryFeed(FeedOptions.allPartitions(broker.bootstrapServers(), TestBroker.TOPIC));
            IngestSummary summary;
            try (feed) {
                IngestService ingester = new IngestService(feed, new DeltaBronzeTable(data.bronze().toString()),
                        new DeltaQuarantineTable(data.quarantine().toString()), SlotClock.SYSTEM,
                        new IngestOptions(2_000, Duration.ofSeconds(1), Duration.ofMillis(200), 1_000_000));
                summary = ingester.run(true);
            }
            System.out.printf("fuzz (seed %d): %s, %d kinds of invalid payload%n", seed, summary, new HashSet<>(invalidKinds.values()).size());
            assertThat(summary.quarantined()).as("quarantined").isEqualTo(invalidValues.size());
            assertThat(summary.rows()).as("bronze rows").isEqualTo(validTimestamps.size());

            List<TableRows.BronzeRow> bronze = ExactlyOnce.assertEveryOffsetOnce(data.bronze(), data.quarantine(), ends, invalidValues.keySet());
            assertThat(bronze).extracting(TableRows.BronzeRow::timestamp).containsExactlyInAnyOrderElementsOf(validTimestamps);
            for (TableRows.QuarantineRow row : TableRows.quarantine(data.quarantine())) {
                Coordinates at = new Coordinates(row.partition(), row.offset());
                assertThat(row.value()).as("raw value of %s (%s) kept byte for byte", at, invalidKinds.get(at)).isEqualTo(invalidValues.get(at));
            }

            // Nothing that reached bronze may stop gold: it reads every valid row, in kilometres.
            RefineSummary gold = GoldTables.refineUninterrupted(data);
            assertThat(gold.fixes()).as("bronze rows refined").isEqualTo(validTimestamps.size());
            assertThat(GoldTables.read(data).windows()).isNotEmpty();
        }
    }
}
