package org.esa.iss.adapter.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaTopicTailTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static OptionalLong newest(String topic) {
        return KafkaTopicTail.newestTimestamp(SharedBroker.bootstrapServers(), Map.of(), topic, TIMEOUT);
    }

    @Test
    void theNewestPositionIsTheLatestTimeAmongEachPartitionsLastRecords() {
        String topic = SharedBroker.freshTopic("tail", 2);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int n = 0; n < 300; n++) { // live positions, the newest (n = 299) in partition 1
                send(producer, topic, n % 2, Observations.nth(n).json());
            }
            for (int n = 100; n < 130; n++) { // then older ones, backfilled
                send(producer, topic, 1, Observations.nth(n, "api-backfill").json());
            }
            send(producer, topic, 0, "{\"timestamp\": 9999999999".getBytes(UTF_8)); // not a position: ignored
            send(producer, topic, 0, new byte[0]);
            producer.flush();
        }

        assertThat(newest(topic)).hasValue(Observations.EPOCH_SECONDS + 299);
    }

    @Test
    void anEmptyOrMissingTopicHasNoNewestPosition() {
        assertThat(newest(SharedBroker.freshTopic("tail-empty", 1))).isEmpty();
        assertThat(newest("tail-never-created")).isEmpty();
    }

    @Test
    void noBrokerIsATimeoutNotAnEndlessWait() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> KafkaTopicTail.newestTimestamp("127.0.0.1:" + SharedBroker.closedPort(), Map.of(), "iss",
                Duration.ofSeconds(2))).isInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, int partition, byte[] value) {
        producer.send(new ProducerRecord<>(topic, partition, "25544".getBytes(UTF_8), value));
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
