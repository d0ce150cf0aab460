package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.esa.iss.adapter.kafka.EmbeddedBrokerOptions;
import org.esa.iss.adapter.kafka.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code iss bronze} against a real embedded broker. */
class BronzeCommandTest {

    @Test
    void catchingUpWithATopicThatDoesNotExistFailsSayingWhatToDo(@TempDir Path dir) {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(dir.resolve("kafka")))) {
            Path data = dir.resolve("data");
            // without the check, it waits for partitions forever
            CommandRun run = CommandRun.of(Map.of(), "bronze", "--until-caught-up", "--bootstrap-servers",
                    broker.bootstrapServers(), "--topic", "not-published-yet", "--data-dir", data.toString());

            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err()).contains("topic not-published-yet does not exist")
                    .contains("nothing to read").contains("check --topic");
            assertThat(data).as("no tables were made").doesNotExist();
        }
    }
}
