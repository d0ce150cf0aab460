package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

    private static CommandLine commandLine(Map<String, String> environment, Properties file) {
        CommandLine commandLine = new CommandLine(new IssCommand());
        commandLine.setDefaultValueProvider(new IssDefaults(environment, file));
        GroupedCommandList.install(commandLine);
        return commandLine;
    }

    private static BronzeCommand bronze(CommandLine commandLine, String... args) {
        return (BronzeCommand) commandLine.parseArgs(args).subcommand().commandSpec().userObject();
    }

    @Test
    void helpListsEveryCommandInItsGroup() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = commandLine(Map.of(), new Properties());
        commandLine.usage(new PrintWriter(out));
        assertThat(out.toString()).contains("Everything in one process:", "Stages (each its own process", "Tooling:");
        for (String name : commandLine.getSubcommands().keySet()) {
            assertThat(out.toString()).contains("  " + name + " ");
        }
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheConfigFileWhichBeatsDefaults() {
        Properties file = new Properties();
        file.setProperty("max-rows", "1000");
        file.setProperty("max-latency", "3s");
        file.setProperty("topic", "from-file");
        Map<String, String> environment = Map.of("ISS_MAX_ROWS", "2000", "ISS_BOOTSTRAP_SERVERS", "env:9092");

        BronzeCommand fromSources = bronze(commandLine(environment, file), "bronze");
        assertThat(fromSources.maxRows).isEqualTo(2000);
        assertThat(fromSources.maxLatency).isEqualTo(Duration.ofSeconds(3));
        assertThat(fromSources.kafka.topic).isEqualTo("from-file");
        assertThat(fromSources.kafka.bootstrapServers).isEqualTo("env:9092");

        BronzeCommand flagged = bronze(commandLine(environment, file), "bronze", "--max-rows", "3000");
        assertThat(flagged.maxRows).isEqualTo(3000);

        BronzeCommand defaults = bronze(commandLine(Map.of(), new Properties()), "bronze");
        assertThat(defaults.maxRows).isEqualTo(250_000);
        assertThat(defaults.maxLatency).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theConfigFileIsFoundFromTheArguments(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("iss.properties");
        Files.writeString(config, "max-rows=4242\n");
        IssDefaults defaults = IssDefaults.from(new String[] {"bronze", "--config", config.toString()}, Map.of());
        CommandLine commandLine = new CommandLine(new IssCommand());
        commandLine.setDefaultValueProvider(defaults);
        assertThat(bronze(commandLine, "bronze", "--config", config.toString()).maxRows).isEqualTo(4242);
    }

    @Test
    void anInvalidValueFailsAtStartNamingTheOptionAndWhatIsAccepted() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = commandLine(Map.of(), new Properties());
        commandLine.setErr(new PrintWriter(err));
        int status = commandLine.execute("bronze", "--max-latency", "soon");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--max-latency").contains("500ms, 1s");
    }

    @Test
    void aMissingBootstrapServerIsExplained() {
        StringWriter err = new StringWriter();
        String[] args = {"bronze", "--data-dir", "/tmp/unused-iss"};
        CommandLine commandLine = IssCommand.create(args, Map.of());
        commandLine.setErr(new PrintWriter(err));
        int status = commandLine.execute(args);
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("--bootstrap-servers is required").contains("ISS_BOOTSTRAP_SERVERS");
    }
}
