package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka halts the process when its log directory fails; the embedded broker's process says, in this system's
 * terms, what that means and what to do, and exits non-zero.
 */
@Tag("slow")
class BrokerLogDirectoryFailureTest {
    private static final Pattern READY = Pattern.compile("Kafka at (127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path work;

    @Test
    void aBrokerWhoseLogDirectoryIsRemovedHaltsSayingWhatToDo() throws Exception {
        IssCli iss = new IssCli(work);
        Path data = work.resolve("data");
        Process broker = iss.start("broker", List.of("broker", "--port", "0", "--data-dir", data.toString()));
        int status;
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> READY.matcher(read("broker.out")).find());
            Matcher ready = READY.matcher(read("broker.out"));
            assertThat(ready.find()).isTrue();

            // A file where the log directory was: nothing can be created in it again, even by root.
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> deleteRecursively(data.resolve("kafka")));
            Files.writeString(data.resolve("kafka"), "not a directory");
            // a new topic needs a directory in the log directory: Kafka marks it failed, then halts
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ready.group(1),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
                admin.createTopics(List.of(new NewTopic("after-the-failure", 1, (short) 1))).all()
                        .get(15, TimeUnit.SECONDS);
            } catch (Exception expected) {
                // the broker may go before it answers
            }
            status = iss.awaitExit(broker, "broker", Duration.ofSeconds(60));
        } finally {
            broker.destroyForcibly();
        }

        assertThat(status).as("stderr:%n%s", iss.tail("broker.err")).isEqualTo(1);
        assertThat(read("broker.err")).contains("all log dirs in " + data.resolve("kafka") + " have failed")
                .contains("the embedded Kafka broker is halting this process (status 1)")
                .contains("What the tables committed is kept; mend the cause (for a log directory: free space, or mend the"
                        + " directory), then start again");
    }

    private String read(String file) throws IOException {
        Path path = work.resolve(file);
        return Files.exists(path) ? Files.readString(path) : "";
    }

    /** Fails if the broker wrote in the directory meanwhile (a checkpoint's temporary file): then try again. */
    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
