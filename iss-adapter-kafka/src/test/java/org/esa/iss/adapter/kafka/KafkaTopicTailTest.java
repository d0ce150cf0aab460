package org.esa.iss.adapter.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Properties;
import java.util.UUID;
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
    private static final byte[] KEY = "25544".getBytes(UTF_8);

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
        assertThat(recent(topic, LONG_AGO.plusSeconds(290))).as("positions timed before since left out, but the newest of them")
                .containsExactlyElementsOf(seconds(289, 299));
    }

    @Test
    void recordsPublishedBeforeSinceAreReadOnlyAmongEachPartitionsLastRecords() {
        String topic = keptForever("tail-old");
        long longBeforeSince = LONG_AGO.minus(Duration.ofHours(2)).toEpochMilli();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int n = 0; n < 300; n++) { // published (by their record time) long before since
                producer.send(new ProducerRecord<>(topic, 0, longBeforeSince, KEY, Observations.nth(n).json()));
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

    @Test
    void theNewestPositionBeforeSinceBoundsTheHolesAfterIt() {
        String topic = SharedBroker.freshTopic("tail-before", 1);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int n : new int[] {0, 1, 2, 10, 11, 20}) {
                send(producer, topic, 0, Observations.nth(n).json());
            }
            producer.flush();
        }

        assertThat(recent(topic, LONG_AGO.plusSeconds(5))).as("2, the newest before since, then all since")
                .containsExactly(Observations.EPOCH_SECONDS + 2, Observations.EPOCH_SECONDS + 10, Observations.EPOCH_SECONDS + 11,
                        Observations.EPOCH_SECONDS + 20);
    }

    @Test
    void whenMoreWerePublishedSinceThanAreReadOnlySecondsShownWholeCount() {
        String topic = keptForever("tail-cut");
        long base = Observations.EPOCH_SECONDS;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int n = 0; n < 300; n++) { // live, each published at its own second; 150, 250 and 280 missed
                if (n != 150 && n != 250 && n != 280) {
                    producer.send(new ProducerRecord<>(topic, 0, (base + n) * 1000, KEY, Observations.nth(n).json()));
                }
            }
            // 150 backfilled later: read, but the live positions around it are not
            producer.send(new ProducerRecord<>(topic, 0, (base + 300) * 1000, KEY, Observations.nth(150, "api-backfill").json()));
            producer.flush();
        }

        NavigableSet<Long> seconds = KafkaTopicTail.recentSeconds(SharedBroker.bootstrapServers(), Map.of(), topic, LONG_AGO,
                TIMEOUT, 100);

        // the last 100 of the 298 records begin with 199's, published at 199 s: a position timed from 259 s on (a
        // minute's slack) was published after it, so was read; older ones are not all there
        List<Long> expected = new ArrayList<>(seconds(259, 299));
        expected.remove(Long.valueOf(base + 280));
        assertThat(seconds).as("no second before 259 (the lone 150 would make 151 to 198 holes)").containsExactlyElementsOf(expected);
    }

    /** A topic whose records of years ago are not deleted by retention while the test runs. */
    private static String keptForever(String prefix) {
        return SharedBroker.freshTopic(TopicSpec.of(prefix + "-" + UUID.randomUUID(), 1).withConfig("retention.ms", "-1"));
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
        producer.send(new ProducerRecord<>(topic, partition, KEY, value));
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
