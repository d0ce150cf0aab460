package org.esa.iss.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.esa.iss.app.IssCli;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.domain.Units;
import org.esa.iss.domain.Visibility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A poller killed (SIGKILL) and started again a few seconds later: the seconds no poller ran are fetched from
 * ground control's history, after the newest position in the topic, before the first live poll, so the topic
 * holds them in order and live polling continues from there. Seconds an earlier poller had missed and not yet
 * fetched, holes between the topic's positions, are fetched first.
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
            List<ConsumerRecord<byte[], byte[]>> beforeKill = readAll(broker.bootstrapServers());
            long newestBeforeKill = beforeKill.stream().mapToLong(PollerRestartTest::secondOf).max().orElseThrow();
            List<String> again = new ArrayList<>(poll);
            again.addAll(List.of("--count", "24")); // 12 s
            assertThat(iss.run("poll-2", again, Duration.ofSeconds(60))).as(iss.tail("poll-2.err")).isZero();

            List<ConsumerRecord<byte[], byte[]>> all = readAll(broker.bootstrapServers());
            List<ConsumerRecord<byte[], byte[]>> secondRun = all.subList(beforeKill.size(), all.size());
            List<Boolean> fetched = secondRun.stream().map(r -> sourceOf(r).endsWith("-backfill")).toList();
            int firstLive = fetched.indexOf(false);
            List<Long> seconds = secondRun.stream().map(PollerRestartTest::secondOf).toList();
            assertThat(firstLive).as("the seconds away, fetched before the first live poll").isGreaterThanOrEqualTo((int) AWAY.toSeconds());
            // seconds the killed poller had skipped (a slot overrun on a busy machine) and not yet fetched come first
            Set<Long> held = beforeKill.stream().map(PollerRestartTest::secondOf).collect(Collectors.toSet());
            List<Long> holes = LongStream.range(Collections.min(held), newestBeforeKill).filter(s -> !held.contains(s)).boxed().toList();
            long lastFetched = newestBeforeKill + firstLive - holes.size();
            List<Long> expected = new ArrayList<>(holes);
            expected.addAll(LongStream.rangeClosed(newestBeforeKill + 1, lastFetched).boxed().toList());
            assertThat(seconds.subList(0, firstLive)).as("the holes, then from the second after the newest before the kill, in order")
                    .isEqualTo(expected);
            // the same second or the next, half a slot later; one more if this machine stalled right then
            assertThat(seconds.get(firstLive)).as("the first live position").isBetween(lastFetched, lastFetched + 2);
            String log = Files.readString(work.resolve("poll-2.err"));
            assertThat(log).contains("the topic's newest position is from").contains("caught up with the clock");
        }
    }

    @Test
    void theSecondsMissingBetweenTheTopicsPositionsAreFetchedFirst() throws Exception {
        try (TestBroker broker = TestBroker.start(work.resolve("kafka"))) {
            broker.createTopic(1, Map.of());
            long now = Instant.now().getEpochSecond();
            try (TestBroker.RawProducer producer = broker.producer(1024)) { // an earlier poller stopped before fetching 4
                producer.send(0, "25544".getBytes(StandardCharsets.UTF_8), positionAt(now - 20)).get();
                producer.send(0, "25544".getBytes(StandardCharsets.UTF_8), positionAt(now - 15)).get();
            }
            IssCli iss = new IssCli(work);
            assertThat(iss.run("poll", List.of("poll", "--bootstrap-servers", broker.bootstrapServers(), "--source", "simulator",
                    "--count", "6"), Duration.ofSeconds(60))).as(iss.tail("poll.err")).isZero();

            List<Long> seconds = readAll(broker.bootstrapServers()).stream().map(PollerRestartTest::secondOf).toList();
            assertThat(seconds.subList(0, 8)).as("the holes, oldest first, then the seconds since the newest")
                    .containsExactly(now - 20, now - 15, now - 19, now - 18, now - 17, now - 16, now - 14, now - 13);
            assertThat(Files.readString(work.resolve("poll.err"))).contains("and the 4 missing before it, then polling live");
        }
    }

    private static byte[] positionAt(long second) {
        return TelemetryJson.format(new Telemetry(25544, "iss", 10.0, 20.0, 420.0, 27_600.0, Visibility.DAYLIGHT, 4_500.0,
                second, 2_460_000.5, 10.0, 200.0, Units.KILOMETERS));
    }

    private static long secondOf(ConsumerRecord<byte[], byte[]> r) {
        return TelemetryJson.parse(r.value()).timestamp();
    }

    private static String sourceOf(ConsumerRecord<byte[], byte[]> r) {
        return new String(r.headers().lastHeader("source").value(), StandardCharsets.UTF_8);
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
