package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.esa.iss.adapter.kafka.EmbeddedBrokerOptions;
import org.esa.iss.adapter.kafka.EmbeddedKafkaBroker;
import org.esa.iss.domain.TelemetryJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage run as its own process and stopped by SIGTERM (Ctrl-C, a supervisor) exits 0 and prints its summary:
 * for a stage on its own, the summary is all the metrics there are. A stopped replay says how to publish the rest.
 */
@Tag("slow")
class StageSignalTest {
    private static final Duration STARTED = Duration.ofSeconds(60);
    /** The longest a stage may take from SIGTERM to its exit. */
    private static final Duration STOPPED = Duration.ofSeconds(60);
    private static final Pattern POLL_SUMMARY = Pattern.compile(
            "poll: (\\d+) slots, (\\d+) ok, (\\d+) failed, (\\d+) throttled, (\\d+) skipped, (\\d+) published, (\\d+) delivered");

    private static final Pattern REPLAY_RESUME = Pattern.compile("run it again with --start (\\S+) --records (\\d+)");

    @TempDir
    Path work;

    @Test
    void goldWaitingForBronzeSaysSoAndPrintsItsSummaryOnSigterm() throws Exception {
        IssCli iss = new IssCli(work);
        Path data = work.resolve("data");
        Process gold = iss.start("gold", List.of("gold", "--data-dir", data.toString()));

        await().atMost(STARTED).until(() -> read("gold.err").contains("waiting for `iss bronze` to write one"));
        int status = iss.stop(gold, "gold", STOPPED);

        assertThat(status).as("exit status after SIGTERM; stderr:\n%s", iss.tail("gold.err")).isZero();
        assertThat(read("gold.out")).contains("gold: bronze version -1, 0 fixes, 0 windows, 0 orbits");
        assertThat(read("gold.err")).as("the signal acknowledged").contains("iss: stopping: finishing and committing");
    }

    @Test
    void theSimulatorAndTheQueryServerExitZeroOnSigterm() throws Exception {
        IssCli iss = new IssCli(work);
        Process simulator = iss.start("simulator", List.of("simulator", "--port", "0"));
        Process serve = iss.start("serve", List.of("serve", "--http-port", "0", "--data-dir", work.resolve("data").toString()));

        await().atMost(STARTED).until(() -> read("simulator.out").contains("ISS simulator listening on")
                && read("serve.out").contains("iss serve: http://"));

        assertThat(iss.stop(simulator, "simulator", STOPPED)).as("simulator; stderr:\n%s", iss.tail("simulator.err")).isZero();
        assertThat(iss.stop(serve, "serve", STOPPED)).as("serve; stderr:\n%s", iss.tail("serve.err")).isZero();
        assertThat(read("simulator.err")).contains("iss simulator: stopping").doesNotContain("committing");
        assertThat(read("serve.err")).contains("iss serve: stopping").doesNotContain("committing");
    }

    @Test
    void bronzeFollowingATopicThatDoesNotExistSaysItWaitsForIt() throws Exception {
        IssCli iss = new IssCli(work);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(work.resolve("kafka")))) {
            Process bronze = iss.start("bronze", List.of("bronze", "--bootstrap-servers", broker.bootstrapServers(),
                    "--topic", "isss", "--data-dir", work.resolve("data").toString()));

            await().atMost(STARTED).until(() -> read("bronze.err").contains("bronze: topic isss does not exist at "
                    + broker.bootstrapServers() + " yet; waiting for it (check --topic if it should;"));
            int status = iss.stop(bronze, "bronze", STOPPED);

            assertThat(status).as("exit status after SIGTERM; stderr:\n%s", iss.tail("bronze.err")).isZero();
        }
    }

    @Test
    void goldUntilCaughtUpWithoutBronzeSaysThereIsNothingToRefine() throws Exception {
        IssCli iss = new IssCli(work);
        Path data = work.resolve("data");

        int status = iss.run("gold", List.of("gold", "--until-caught-up", "--data-dir", data.toString()), STARTED);

        assertThat(status).isZero();
        assertThat(read("gold.err")).contains("gold: no bronze table at " + data.resolve("delta/bronze/iss_telemetry")
                + ", so nothing to refine; `iss bronze` writes it (or check --data-dir)");
    }

    @Test
    void pollPrintsItsSummaryOnSigtermCountingEveryPositionItWrote() throws Exception {
        IssCli iss = new IssCli(work);
        Process poll = iss.start("poll", List.of("poll", "--source", "simulator", "--output", "-"));

        await().atMost(STARTED).until(() -> lines("poll.out") >= 3);
        int status = iss.stop(poll, "poll", STOPPED);

        assertThat(status).as("exit status after SIGTERM; stderr:\n%s", iss.tail("poll.err")).isZero();
        Matcher summary = POLL_SUMMARY.matcher(read("poll.err"));
        assertThat(summary.find()).as("summary in stderr:\n%s", iss.tail("poll.err")).isTrue();
        long slots = Long.parseLong(summary.group(1));
        long ok = Long.parseLong(summary.group(2));
        long skipped = Long.parseLong(summary.group(5));
        assertThat(ok).isGreaterThanOrEqualTo(3);
        assertThat(summary.group(3)).as("failed").isEqualTo("0");
        assertThat(summary.group(4)).as("throttled").isEqualTo("0");
        assertThat(slots).as("every slot ends in one outcome").isEqualTo(ok + skipped);
        // a slot that ran late leaves a second that is backfilled: published may exceed ok, never the lines
        assertThat(Long.parseLong(summary.group(6))).as("published").isEqualTo(lines("poll.out")).isGreaterThanOrEqualTo(ok);
        assertThat(Long.parseLong(summary.group(7))).as("delivered").isEqualTo(lines("poll.out"));
    }

    @Test
    void pollStoppedWhileTheBrokerIsAwayEndsPromptlyAndNamesEveryRecordItCouldNotDeliver() throws Exception {
        IssCli iss = new IssCli(work);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(work.resolve("kafka")));
        Process poll;
        try {
            poll = iss.start("poll", List.of("poll", "--bootstrap-servers", broker.bootstrapServers(), "--source", "simulator"));
            // polling live: past creating the topic and reading its end, which a broker gone midway would time out
            await().atMost(STARTED).ignoreExceptions().until(() -> TopicEnd.of(broker) >= 2);
        } finally {
            broker.close();
        }
        Thread.sleep(2_000); // polls made now wait for a broker that does not come back
        long stopping = System.nanoTime();
        int status = iss.stop(poll, "poll", STOPPED);

        // the poller's bounded wait plus the publisher's close timeout, well inside a supervisor's patience
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(60));
        String err = read("poll.err");
        assertThat(status).as("exit status; stderr:\n%s", iss.tail("poll.err")).isEqualTo(1);
        Matcher summary = POLL_SUMMARY.matcher(err);
        assertThat(summary.find()).as("summary in stderr:\n%s", iss.tail("poll.err")).isTrue();
        long lost = Long.parseLong(summary.group(6)) - Long.parseLong(summary.group(7));
        assertThat(lost).as("published but not delivered").isPositive();
        assertThat(err).contains("poll: " + lost + " record(s) could not be delivered to Kafka and are not in the topic")
                .contains("still waiting for the broker after 10 s"); // logged by the ports module during the shutdown
        assertThat(err.lines().filter(line -> line.contains("could not be delivered to topic iss")
                && line.contains("record: {")).count()).as("records logged with their JSON").isEqualTo(lost);
    }

    @Test
    void replayStoppedBySigtermSaysHowToPublishTheRestAndThatCompletesTheBacklogOnce() throws Exception {
        IssCli iss = new IssCli(work);
        Instant start = Instant.parse("2024-04-25T00:00:00Z");
        int records = 10_000;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(work.resolve("kafka")))) {
            List<String> kafka = List.of("--bootstrap-servers", broker.bootstrapServers());
            Process replay = iss.start("replay", with(kafka, "replay", "--records", String.valueOf(records), "--rate",
                    "500", "--start", start.toString()));
            await().atMost(STARTED).until(() -> read("replay.err").contains("msgs/s")); // progress: a second in
            int status = iss.stop(replay, "replay", STOPPED);

            assertThat(status).as("exit status after SIGTERM; stderr:\n%s", iss.tail("replay.err")).isZero();
            Matcher resume = REPLAY_RESUME.matcher(read("replay.out"));
            assertThat(resume.find()).as("how to go on, in stdout:\n%s", read("replay.out")).isTrue();
            assertThat(Long.parseLong(resume.group(2))).as("records left").isBetween(1L, records - 1L);
            int rest = iss.run("replay", with(kafka, "replay", "--start", resume.group(1), "--records", resume.group(2)),
                    STARTED);

            assertThat(rest).as("exit status of the rest; stderr:\n%s", iss.tail("replay.err")).isZero();
            assertThat(eventTimes(broker.bootstrapServers(), records)).as("every simulated second once, in order")
                    .containsExactlyElementsOf(LongStream.range(0, records).mapToObj(start::plusSeconds).toList());
        }
    }

    /**
     * A signal while the embedded broker starts ends the run at once, with status 0 rather than the JVM's 143: nothing
     * was polled yet. (Starting on is no option: the broker fails to start in a JVM that is shutting down.)
     */
    @Test
    void aRunStoppedWhileItsBrokerStartsEndsAtOnceWithStatusZero() throws Exception {
        IssCli iss = new IssCli(work);
        Path data = work.resolve("data");
        Process run = iss.start("run", List.of("run", "--source", "simulator", "--kafka-port", "0", "--http-port", "0",
                "--data-dir", data.toString()));

        await().atMost(STARTED).pollInterval(Duration.ofMillis(20)).until(() -> Files.exists(data.resolve("kafka")));
        int status = iss.stop(run, "run", STOPPED);

        assertThat(status).as("exit status after SIGTERM; stderr:\n%s", iss.tail("run.err")).isZero();
        assertThat(read("run.err")).contains("iss: stopped while starting, before anything was read, published or committed");
        assertThat(read("run.out")).as("stopped before its start-up line").doesNotContain("iss run:");
    }

    private static List<String> with(List<String> kafka, String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(kafka);
        return all;
    }

    /** The event times of the topic's first {@code expected} records, and of any beyond them. */
    private static List<Instant> eventTimes(String bootstrapServers, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        List<Instant> times = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition("iss", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            assertThat(end).as("records in the topic").isEqualTo(expected);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    times.add(TelemetryJson.parse(record.value()).eventTime());
                }
            }
        }
        return times;
    }

    private String read(String file) throws IOException {
        Path path = work.resolve(file);
        return Files.exists(path) ? Files.readString(path) : "";
    }

    private long lines(String file) throws IOException {
        return read(file).lines().count();
    }
}
