package org.esa.iss.adapter.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Properties;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaTopicTailTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Instant LONG_AGO = Instant.ofEpochSecond(Observations.EPOCH_SECONDS);

    private static NavigableSet<Long> recent(String topic, Instant since) {
        return KafkaTopicTail.recentSeconds(SharedBroker.bootstrapServers(), Map.of(), topic, since, TIMEOUT);
    }

    @Test
    void theSecondsHeldAreThoseOfTheValidPositionsAtEachPartitionsEndHolesIncluded() {
        String topic = SharedBroker.freshTopic("tail", 2);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int n = 0; n < 300; n++) { // live positions, the newest (n = 299) in partition 1
                if (n % 50 != 7) { // 7, 57, ..., 257: never published
                    send(producer, topic, n % 2, Observations.nth(n).json());
                }
            }
            for (int n = 100; n < 130; n++) { // then older ones, backfilled
                send(producer, topic, 1, Observations.nth(n, "api-backfill").json());
            }
            send(producer, topic, 0, "{\"timestamp\": 9999999999".getBytes(UTF_8)); // not a position: ignored
            send(producer, topic, 0, new byte[0]);
            producer.flush();
        }

        NavigableSet<Long> seconds = recent(topic, LONG_AGO);

        assertThat(seconds.last()).as("the newest").isEqualTo(Observations.EPOCH_SECONDS + 299);
        assertThat(seconds).as("all but the five never published: 107 was backfilled").hasSize(300 - 5)
                .contains(Observations.EPOCH_SECONDS + 107)
                .doesNotContain(Observations.EPOCH_SECONDS + 7, Observations.EPOCH_SECONDS + 57, Observations.EPOCH_SECONDS + 257);
        assertThat(recent(topic, LONG_AGO.plusSeconds(290))).as("positions timed before since, the newest apart, left out")
                .containsExactlyElementsOf(seconds(290, 299));
    }

    @Test
    void recordsPublishedBeforeSinceAreReadOnlyAmongEachPartitionsLastRecords() {
        String topic = SharedBroker.freshTopic("tail-old", 1);
        long longBeforeSince = LONG_AGO.minus(Duration.ofHours(2)).toEpochMilli();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int n = 0; n < 300; n++) { // published (by their record time) long before since
                producer.send(new ProducerRecord<>(topic, 0, longBeforeSince, "25544".getBytes(UTF_8), Observations.nth(n).json()));
            }
            producer.flush();
            assertThat(recent(topic, LONG_AGO)).as("the last " + KafkaTopicTail.LAST_RECORDS + " records only")
                    .containsExactlyElementsOf(seconds(200, 299));

            for (int n = 300; n < 450; n++) { // then 150 published now
                send(producer, topic, 0, Observations.nth(n).json());
            }
            producer.flush();
        }

        assertThat(recent(topic, LONG_AGO)).as("those published since, being more than the last 100")
                .containsExactlyElementsOf(seconds(300, 449));
    }

    private static List<Long> seconds(int firstN, int lastN) {
        return LongStream.rangeClosed(firstN, lastN).map(n -> Observations.EPOCH_SECONDS + n).boxed().toList();
    }

    @Test
    void anEmptyOrMissingTopicHoldsNoSeconds() {
        assertThat(recent(SharedBroker.freshTopic("tail-empty", 1), LONG_AGO)).isEmpty();
        assertThat(recent("tail-never-created", LONG_AGO)).isEmpty();
    }

    @Test
    void noBrokerIsATimeoutNotAnEndlessWait() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> KafkaTopicTail.recentSeconds("127.0.0.1:" + SharedBroker.closedPort(), Map.of(), "iss",
                LONG_AGO, Duration.ofSeconds(2))).isInstanceOf(TimeoutException.class);
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
