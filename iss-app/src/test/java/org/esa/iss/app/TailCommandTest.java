package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.esa.iss.adapter.kafka.EmbeddedBrokerOptions;
import org.esa.iss.adapter.kafka.EmbeddedKafkaBroker;
import org.esa.iss.domain.TelemetryJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code iss tail} against a real embedded broker. */
class TailCommandTest {

    @Test
    void fromTheBeginningItPrintsEachRecordAsPublishedOneJsonDocumentPerLine(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(dir))) {
            String servers = broker.bootstrapServers();
            assertThat(IssCommand.execute(new String[] {"replay", "--records", "5", "--start", "2024-04-25T00:00:00Z", // 1714003200
                    "--bootstrap-servers", servers}, Map.of())).isZero();

            CommandRun tail = CommandRun.of(Map.of(), "tail", "--from-beginning", "--limit", "5", "--bootstrap-servers", servers);

            assertThat(tail.status()).isZero();
            List<String> lines = tail.out().lines().toList();
            assertThat(lines).hasSize(5);
            for (int i = 0; i < 5; i++) {
                assertThat(TelemetryJson.parse(lines.get(i).getBytes(StandardCharsets.UTF_8)).timestamp())
                        .as("line %d", i).isEqualTo(1_714_003_200L + i);
            }
        }
    }

    @Test
    void aTopicThatDoesNotExistIsNamedInsteadOfWaitedFor(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(dir))) {
            CommandRun tail = CommandRun.of(Map.of(), "tail", "--topic", "nothing-here", "--bootstrap-servers",
                    broker.bootstrapServers());

            assertThat(tail.status()).isEqualTo(1);
            assertThat(tail.err()).contains("topic nothing-here does not exist at " + broker.bootstrapServers()
                    + ", so there is nothing to read");
        }
    }
}
