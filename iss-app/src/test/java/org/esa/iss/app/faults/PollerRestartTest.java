package org.esa.iss.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.esa.iss.app.IssCli;
import org.esa.iss.domain.TelemetryJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A poller killed (SIGKILL) and started again a few seconds later: the seconds no poller ran are fetched from
 * ground control's history once it is back, after the newest position in the topic, so the topic holds every
 * second from the first run's first position to the second run's last.
 */
@Tag("fault")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PollerRestartTest {
    private static final Duration AWAY = Duration.ofSeconds(6);

    @TempDir
    Path work;

    @Test
    void theSecondsAKilledPollerMissedAreBackfilledWhenItStartsAgain() throws Exception {
        try (TestBroker broker = TestBroker.start(work.resolve("kafka"))) {
            broker.createTopic(1, Map.of());
            IssCli iss = new IssCli(work);
            List<String> poll = List.of("poll", "--bootstrap-servers", broker.bootstrapServers(), "--source", "simulator");

            Process first = iss.start("poll-1", poll);
            await().atMost(Duration.ofSeconds(60)).until(() -> broker.endOffsets(1).get(0) >= 6);
            IssCli.kill(first);
            Thread.sleep(AWAY.toMillis());
            List<String> again = new ArrayList<>(poll);
            again.addAll(List.of("--count", "24")); // 12 s: every 4th polled slot may backfill
            assertThat(iss.run("poll-2", again, Duration.ofSeconds(60))).as(iss.tail("poll-2.err")).isZero();

            TreeSet<Long> seconds = new TreeSet<>();
            TreeSet<Long> backfilled = new TreeSet<>();
            for (ConsumerRecord<byte[], byte[]> r : readAll(broker.bootstrapServers())) {
                long second = TelemetryJson.parse(r.value()).timestamp();
                seconds.add(second);
                if (new String(r.headers().lastHeader("source").value(), StandardCharsets.UTF_8).endsWith("-backfill")) {
                    backfilled.add(second);
                }
            }
            long span = seconds.last() - seconds.first() + 1;
            assertThat(span).as("first run, time away, second run").isGreaterThan(3 + AWAY.toSeconds() + 10);
            assertThat(seconds).as("every second from first to last").hasSize((int) span);
            assertThat(backfilled.size()).as("the seconds away, fetched afterwards: %s", backfilled)
                    .isGreaterThanOrEqualTo((int) AWAY.toSeconds());
            assertThat(iss.tail("poll-2.err")).contains("the topic's newest position is from");
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(TestBroker.TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
