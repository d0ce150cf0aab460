package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.esa.iss.adapter.kafka.EmbeddedBrokerOptions;
import org.esa.iss.adapter.kafka.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code iss bronze} against a real embedded broker. */
class BronzeCommandTest {

    @Test
    void catchingUpWithATopicThatDoesNotExistFailsSayingWhatToDo(@TempDir Path dir) {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(dir.resolve("kafka")))) {
            Path data = dir.resolve("data");
            String[] args = {"bronze", "--until-caught-up", "--bootstrap-servers", broker.bootstrapServers(),
                    "--topic", "not-published-yet", "--data-dir", data.toString()};
            StringWriter err = new StringWriter();
            CommandLine commandLine = IssCommand.create(args, Map.of());
            commandLine.setErr(new PrintWriter(err));

            int status = commandLine.execute(args); // without the check, it waits for partitions forever

            assertThat(status).isEqualTo(1);
            assertThat(err.toString()).contains("topic not-published-yet does not exist")
                    .contains("nothing to catch up with").contains("check --topic");
            assertThat(data).as("no tables were made").doesNotExist();
        }
    }
}
