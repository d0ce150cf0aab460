package org.esa.iss.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.esa.iss.ports.contract.TelemetryFeedContract;
import org.esa.iss.ports.out.TelemetryFeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Kafka feed keeps the ports' promises, on a real broker, each test with topics of its own. */
class KafkaFeedContractTest extends TelemetryFeedContract {
    private final KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
            Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers()),
            new ByteArraySerializer(), new ByteArraySerializer());

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    /** A group member may start before its topic exists (`iss bronze` following): the id is asked for again. */
    @Test
    void aFeedStartedBeforeItsTopicExistedTellsItsIdOnceItDoes() {
        String name = SharedBroker.uniqueName("later");
        try (KafkaTelemetryFeed feed = new KafkaTelemetryFeed(FeedOptions.group(SharedBroker.bootstrapServers(), name, name))) {
            feed.start(new InMemoryPositions());
            feed.poll(Duration.ofMillis(200));
            SharedBroker.freshTopic(TopicSpec.of(name, 1));
            try (KafkaTopics topics = KafkaTopics.connect(SharedBroker.bootstrapServers(), Map.of())) {
                assertThat(feed.topicIds()).isEqualTo(Map.of(name, topics.topicId(name).orElseThrow()));
            }
        }
    }

    @Override
    protected Topic createTopic(int partitions) {
        String name = SharedBroker.freshTopic("contract", partitions);
        return new Topic() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void publish(int partition, byte[] value) throws Exception {
                producer.send(new ProducerRecord<>(name, partition, null, value)).get(30, TimeUnit.SECONDS);
            }

            @Override
            public void deleteBefore(int partition, long offset) throws Exception {
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers()))) {
                    admin.deleteRecords(Map.of(new TopicPartition(name, partition), RecordsToDelete.beforeOffset(offset)))
                            .all().get(30, TimeUnit.SECONDS);
                }
            }

            @Override
            public TelemetryFeed feed() {
                return new KafkaTelemetryFeed(FeedOptions.allPartitions(SharedBroker.bootstrapServers(), name));
            }
        };
    }
}
