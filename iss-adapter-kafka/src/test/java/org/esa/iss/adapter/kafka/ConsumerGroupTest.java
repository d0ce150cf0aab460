package org.esa.iss.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.RawRecord;
import org.junit.jupiter.api.Test;

/**
 * Two ingesters in one group, sharing one positions store the way two processes share one table. The group
 * never has committed offsets here, so a feed that resumed from Kafka's commits instead of the store would
 * read everything again and show up as repeats.
 */
class ConsumerGroupTest {

    private static final int PARTITIONS = 4;
    private static final Duration POLL = Duration.ofMillis(100);

    private final InMemoryPositions store = new InMemoryPositions();
    private final List<RawRecord> ingested = new ArrayList<>();

    @Test
    void twoFeedsSplitThePartitionsAndTheSurvivorResumesFromStoredPositionsWithoutGapOrRepeat() {
        String topic = SharedBroker.freshTopic("group", PARTITIONS);
        String group = SharedBroker.uniqueName("ingesters");
        FeedOptions options = FeedOptions.group(SharedBroker.bootstrapServers(), topic, group);

        try (KafkaProducer<byte[], byte[]> producer = producer();
             KafkaTelemetryFeed first = new KafkaTelemetryFeed(options)) {
            send(producer, topic, 0, 100);
            first.start(store);
            await().atMost(Duration.ofSeconds(30)).until(() -> ingest(first) && ingested.size() >= 100);

            try (KafkaTelemetryFeed second = new KafkaTelemetryFeed(options)) {
                second.start(store);
                send(producer, topic, 100, 200);
                // Both members poll from this one thread, as two processes would from theirs.
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    ingest(first);
                    ingest(second);
                    return !first.assignment().isEmpty() && !second.assignment().isEmpty()
                            && first.assignment().size() + second.assignment().size() == PARTITIONS;
                });
                Set<FeedPartition> shared = new HashSet<>(first.assignment());
                shared.retainAll(second.assignment());
                assertThat(shared).as("a partition has one owner").isEmpty();
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    ingest(first);
                    ingest(second);
                    return ingested.size() >= 300;
                });
                send(producer, topic, 300, 100);
                ingest(first);
                ingest(second);
            }
            // The second member left; its partitions come back to the first at the stored positions.
            send(producer, topic, 400, 100);
            await().atMost(Duration.ofSeconds(30)).until(() -> ingest(first) && ingested.size() >= 500
                    && first.assignment().size() == PARTITIONS);
            ingest(first);
        }

        Map<Integer, List<Long>> offsets = new TreeMap<>();
        ingested.forEach(r -> offsets.computeIfAbsent(r.partition().partition(), p -> new ArrayList<>()).add(r.offset()));
        assertThat(ingested).hasSize(500);
        offsets.forEach((partition, list) -> assertThat(list).as("offsets of partition " + partition)
                .isEqualTo(java.util.stream.LongStream.range(0, list.size()).boxed().toList()));
        assertThat(store.revokedSoFar()).as("the rebalance told the store what moved").isNotEmpty();
    }

    /** One ingester step: poll, "write" the batch, then advance the store, as bronze does in one commit. */
    private boolean ingest(KafkaTelemetryFeed feed) {
        List<RawRecord> batch = feed.poll(POLL);
        ingested.addAll(batch);
        store.committed(batch);
        return true;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, int from, int count) {
        for (int i = from; i < from + count; i++) {
            producer.send(new ProducerRecord<>(topic, i % PARTITIONS, null, Observations.nth(i).json()));
        }
        producer.flush();
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
