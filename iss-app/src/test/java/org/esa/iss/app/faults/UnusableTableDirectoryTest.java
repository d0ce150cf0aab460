package org.esa.iss.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.esa.iss.app.IssCli;
import org.esa.iss.app.faults.ExactlyOnce.Coordinates;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Case 7: the bronze table's directory cannot be used (a regular file stands where it should be; the suite
 * runs as root, which ignores permission bits, so a read-only directory would prove nothing), or the data
 * directory lies on a file system that refuses writes. {@code iss bronze} says so on stderr and exits
 * non-zero, and once the directory is back the next run resumes where the table stood, losing nothing.
 */
@Tag("fault")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class UnusableTableDirectoryTest {
    private static final int BATCH = 5_000;
    private static final int INVALID_EVERY = 97;
    private static final Duration RUN_LIMIT = Duration.ofMinutes(2);
    /** A run that fails has nothing to wait for: it must not sit out the shutdown grace period. */
    private static final Duration FAILING_RUN_LIMIT = Duration.ofSeconds(45);

    @TempDir
    Path work;

    @Test
    void bronzeFailsClearlyOnAnUnusableTableAndTheNextRunResumesWithoutLoss() throws Exception {
        DataDir data = new DataDir(work.resolve("data"));
        IssCli iss = new IssCli(work);
        try (TestBroker broker = TestBroker.start(work.resolve("kafka"));
             TestBroker.RawProducer producer = broker.producer(64 * 1024)) {
            broker.createTopic(1, Map.of());
            Set<Coordinates> invalid = new HashSet<>();
            publish(producer, 0, BATCH, invalid);
            List<String> bronze = bronzeArgs(broker, data.root());
            assertThat(iss.run("bronze", bronze, RUN_LIMIT)).as("first run; stderr:%n%s", iss.tail("bronze.err")).isZero();
            long versionBefore = TableRows.latestVersion(data.bronze());

            publish(producer, BATCH, 2 * BATCH, invalid);
            Path moved = data.bronze().resolveSibling("iss_telemetry.aside");
            Files.move(data.bronze(), moved);
            Files.writeString(data.bronze(), "a file where the bronze table's directory belongs\n");

            int status = iss.run("bronze-broken", bronze, FAILING_RUN_LIMIT);
            String stderr = Files.readString(work.resolve("bronze-broken.err"));
            System.out.printf("unusable table: exit %d, stderr ends:%n%s%n", status, iss.tail("bronze-broken.err"));
            assertThat(status).as("exit status with the table path taken by a file").isNotZero();
            assertThat(stderr).as("the error names the command and the table").contains("iss bronze:").contains("iss_telemetry");
            assertThat(stderr).as("the error says what to check").contains("must be a directory this user may write to");
            assertThat(stderr).as("no stack trace without ISS_DEBUG").doesNotContain("\tat org.esa.iss");

            Files.delete(data.bronze());
            Files.move(moved, data.bronze());
            assertThat(TableRows.latestVersion(data.bronze())).as("the failed run committed nothing").isEqualTo(versionBefore);
            assertThat(iss.run("bronze", bronze, RUN_LIMIT)).as("run after the repair; stderr:%n%s", iss.tail("bronze.err")).isZero();

            ExactlyOnce.assertEveryOffsetOnce(data.bronze(), data.quarantine(), Map.of(0, (long) 2 * BATCH), invalid);
        }
    }

    @Test
    void bronzeFailsClearlyWhenTheDataDirectoryCannotBeCreated() throws Exception {
        IssCli iss = new IssCli(work);
        try (TestBroker broker = TestBroker.start(work.resolve("kafka"));
             TestBroker.RawProducer producer = broker.producer(64 * 1024)) {
            broker.createTopic(1, Map.of());
            publish(producer, 0, 100, new HashSet<>());
            Path underProc = Path.of("/proc/self/iss-data"); // procfs refuses to create anything, even for root
            int status = iss.run("bronze-proc", bronzeArgs(broker, underProc), FAILING_RUN_LIMIT);
            String stderr = Files.readString(work.resolve("bronze-proc.err"));
            System.out.printf("data dir under /proc: exit %d, stderr ends:%n%s%n", status, iss.tail("bronze-proc.err"));
            assertThat(status).isNotZero();
            assertThat(stderr).contains("iss bronze:").contains("/proc/self/iss-data").doesNotContain("\tat org.esa.iss");
        }
    }

    private static List<String> bronzeArgs(TestBroker broker, Path dataDir) {
        List<String> args = new ArrayList<>(List.of("bronze", "--until-caught-up", "--bootstrap-servers", broker.bootstrapServers(),
                "--data-dir", dataDir.toString(), "--max-rows", "1000"));
        args.addAll(IssCli.FAST_GROUP_RECOVERY);
        return args;
    }

    private static void publish(TestBroker.RawProducer producer, int from, int to, Set<Coordinates> invalid) {
        TelemetryPayloads payloads = new TelemetryPayloads();
        byte[] key = "25544".getBytes(StandardCharsets.UTF_8);
        for (int n = from; n < to; n++) {
            byte[] value = payloads.valid(n);
            if (n % INVALID_EVERY == 0) {
                value = "{\"name\":\"iss\",\"id\":".getBytes(StandardCharsets.UTF_8);
                invalid.add(new Coordinates(0, n));
            }
            producer.send(0, key, value);
        }
        producer.flush();
    }
}
