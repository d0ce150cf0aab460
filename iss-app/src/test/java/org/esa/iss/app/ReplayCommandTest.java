package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.esa.iss.adapter.kafka.EmbeddedBrokerOptions;
import org.esa.iss.adapter.kafka.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code iss replay} against a real embedded broker. */
class ReplayCommandTest {

    @Test
    void publishesEveryRecordOnce(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(dir))) {
            int status = IssCommand.execute(new String[] {"replay", "--records", "2000",
                    "--bootstrap-servers", broker.bootstrapServers()}, Map.of());

            assertThat(status).isZero();
            assertThat(TopicEnd.of(broker)).isEqualTo(2000);
        }
    }

    @Test
    void recordsTheProducerRefusesAreCountedAndFailTheCommand(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(dir))) {
            // Every position (~340 bytes of JSON) is larger than the producer may send: each fails for good.
            int status = IssCommand.execute(new String[] {"replay", "--records", "20",
                    "--bootstrap-servers", broker.bootstrapServers(), "--kafka-property", "max.request.size=200"},
                    Map.of());

            assertThat(status).isEqualTo(1);
            assertThat(TopicEnd.of(broker)).isZero();
        }
    }

    @Test
    void withNoBrokerAtTheAddressItSaysWhereItLookedAndWhatToCheck(@TempDir Path dir) throws Exception {
        String nobody = "127.0.0.1:" + closedPort();
        IssCli iss = new IssCli(dir);

        int status = iss.run("replay", List.of("replay", "--records", "5", "--bootstrap-servers", nobody,
                "--kafka-property", "default.api.timeout.ms=8000", "--kafka-property", "request.timeout.ms=8000"),
                Duration.ofSeconds(60));

        assertThat(status).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("replay.err")))
                .contains("no answer from Kafka at " + nobody + " after 5 s (looking up topic iss); still trying")
                .contains("iss replay: cannot look up topic iss: no answer from Kafka at " + nobody)
                .contains("check the bootstrap servers, and that a broker is running there");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
