package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.esa.iss.adapter.delta.DeltaBronzeTable;
import org.esa.iss.ports.out.FeedPartition;
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
        assertThat(out.toString()).contains("Everything in one process:", "Stages (each its own process", "Tooling:")
                .contains("  help       Display help information about the specified command.")
                .doesNotContain("%n");
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
    void anEmptyVariableOrKeyCountsAsNotSet() {
        Properties file = new Properties();
        file.setProperty("max-rows", " ");
        file.setProperty("topic", "from-file");
        Map<String, String> environment = Map.of("ISS_BOOTSTRAP_SERVERS", "", "ISS_DATA_DIR", "", "ISS_TOPIC", " ");

        BronzeCommand bronze = bronze(commandLine(environment, file), "bronze");
        assertThat(bronze.kafka.bootstrapServers).as("not an external cluster named by nothing").isNull();
        assertThat(bronze.kafka.topic).as("the file's, under an empty variable").isEqualTo("from-file");
        assertThat(bronze.maxRows).as("the default").isEqualTo(250_000);
        assertThat(optionValue(commandLine(environment, file), "--data-dir", "run")).as("not the working directory")
                .isEqualTo(Path.of("data"));
    }

    @Test
    void aKeyNamingItsCommandSetsThatCommandOnlyAndWinsWithinItsSource() {
        Properties file = new Properties();
        file.setProperty("port", "9093"); // meant for the broker: a Kafka port
        file.setProperty("simulator.port", "8091"); // the simulator's HTTP port
        CommandLine fromFile = commandLine(Map.of("ISS_QUERY_JSON", "true"), file);
        assertThat(optionValue(fromFile, "--port", "broker")).isEqualTo(9093);
        assertThat(optionValue(fromFile, "--port", "simulator")).isEqualTo(8091);
        // query's flag, inherited by its subcommands, does not become bench's report file
        assertThat(optionValue(fromFile, "--json", "query", "windows")).isEqualTo(true);
        assertThat(optionValue(fromFile, "--json", "bench")).isNull();

        // the environment still beats the file, whether its key names the command or not
        assertThat(optionValue(commandLine(Map.of("ISS_PORT", "8092"), file), "--port", "simulator")).isEqualTo(8092);
        assertThat(optionValue(commandLine(Map.of("ISS_PORT", "8092", "ISS_SIMULATOR_PORT", "8093"), file),
                "--port", "simulator")).isEqualTo(8093);
    }

    @Test
    void aCommandScopedKeyMustNameAnOptionOfThatCommand(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("iss.properties");
        Files.writeString(config, "simulator.port=8091\nbronze.port=1\n");
        String[] args = {"simulator", "--config", config.toString()};
        assertThatThrownBy(() -> IssCommand.create(args, Map.of()))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("has a key that no command takes: bronze.port;");

        Map<String, String> environment = Map.of("ISS_SIMULATOR_PORT", "8091", "ISS_BRONZE_PORT", "1", "ISS_GOLD_CONFIG", "g.properties");
        assertThat(IssDefaults.from(new String[] {"simulator"}, environment).unknownVariables(commandLine(environment, new Properties())))
                .containsExactly("ISS_BRONZE_PORT", "ISS_GOLD_CONFIG"); // only ISS_CONFIG names the config file
    }

    @Test
    void noTwoKeysShareAVariable() {
        java.util.Set<String> keys = IssDefaults.optionKeys(commandLine(Map.of(), new Properties()));
        assertThat(keys).contains("max-rows", "bronze.max-rows", "query.json", "json");
        assertThat(keys.stream().map(IssDefaults::variable).distinct().count()).isEqualTo(keys.size());
    }

    private static Object optionValue(CommandLine commandLine, String option, String... command) {
        CommandLine.ParseResult parsed = commandLine.parseArgs(command);
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return parsed.commandSpec().findOption(option).getValue();
    }

    @Test
    void aKafkaClientFileCarriesSeveralPropertiesThroughOneVariableAndKafkaPropertyWinsOverIt(@TempDir Path dir) throws Exception {
        Path client = dir.resolve("client.properties");
        Files.writeString(client, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nclient.id=from-file\n");
        Map<String, String> environment = Map.of("ISS_KAFKA_CONFIG", client.toString());

        BronzeCommand bronze = bronze(commandLine(environment, new Properties()), "bronze", "--kafka-property", "client.id=typed");

        assertThat(bronze.kafka.clientProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN", "client.id", "typed"));
        assertThat(bronze(commandLine(Map.of(), new Properties()), "bronze").kafka.clientProperties()).isEmpty();

        CommandRun missing = CommandRun.of(Map.of("ISS_KAFKA_CONFIG", dir.resolve("nope.properties").toString()),
                "bronze", "--bootstrap-servers", "127.0.0.1:1", "--data-dir", dir.toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read the Kafka client properties file " + dir.resolve("nope.properties")
                + " (no such file)").contains("set by the environment variable ISS_KAFKA_CONFIG");
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
        CommandRun run = CommandRun.of(Map.of(), "bronze", "--data-dir", "/tmp/unused-iss");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--bootstrap-servers is required").contains("ISS_BOOTSTRAP_SERVERS");
    }

    @Test
    void aValueOutOfRangeIsAUsageErrorNamingTheOption(@TempDir Path dir) {
        String data = dir.toString();
        List<String[]> cases = List.of(
                new String[] {"--max-rows", "bronze", "--max-rows", "0", "--bootstrap-servers", "127.0.0.1:1", "--data-dir", data},
                new String[] {"--interval", "poll", "--interval", "5ms", "--output", "-"},
                new String[] {"--output", "poll", "--output", "out.json"},
                new String[] {"--fault-error-rate", "simulator", "--fault-error-rate", "1.5"},
                new String[] {"--port", "simulator", "--port", "-1"},
                new String[] {"--start", "simulator", "--start", "yesterday"},
                new String[] {"--window-size", "gold", "--window-size", "0s", "--data-dir", data},
                new String[] {"--window-size", "gold", "--window-size", "PT0.0000015S", "--data-dir", data},
                new String[] {"--watermark-delay", "gold", "--watermark-delay", "3000000d", "--data-dir", data},
                new String[] {"--limit", "query", "windows", "--limit", "0", "--data-dir", data},
                new String[] {"--from", "query", "windows", "--from", "2025-01-01T00:00:00Z", "--to", "2024-01-01T00:00:00Z", "--data-dir", data},
                new String[] {"--records", "bench", "--records", "0", "--work-dir", data},
                new String[] {"--json", "bench", "--json", "/proc/self/report.json", "--work-dir", data + "/w"},
                new String[] {"--json", "bench", "--json", data, "--work-dir", data + "/w"},
                new String[] {"--partitions", "replay", "--partitions", "0", "--bootstrap-servers", "127.0.0.1:1"},
                new String[] {"--rate", "replay", "--rate", "fast", "--bootstrap-servers", "127.0.0.1:1"},
                new String[] {"--http-port", "run", "--http-port", "70000", "--data-dir", data},
                new String[] {"--kafka-port", "run", "--kafka-port", "65536", "--data-dir", data},
                new String[] {"--http-port", "serve", "--http-port", "-1", "--data-dir", data},
                new String[] {"--port", "broker", "--port", "99999", "--data-dir", data},
                new String[] {"--retention", "vacuum", "--retention", "PT-1H", "--table-dir", data + "/t"},
                new String[] {"--retention", "vacuum", "--retention", "59m", "--table-dir", data + "/t"},
                new String[] {"--target-file-size", "compact", "--target-file-size", "512KB", "--table-dir", data + "/t"});
        for (String[] testCase : cases) {
            String option = testCase[0];
            String[] args = java.util.Arrays.copyOfRange(testCase, 1, testCase.length);
            StringWriter err = new StringWriter();
            CommandLine commandLine = commandLine(Map.of(), new Properties());
            commandLine.setErr(new PrintWriter(err));

            int status = commandLine.execute(args);

            assertThat(status).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString()).as(String.join(" ", args)).contains("Invalid value for option '" + option + "'");
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aKafkaPropertyThatWouldUndoExactlyOnceIsAUsageErrorBeforeAnythingStarts(@TempDir Path dir) {
        String data = dir.toString();
        List<String[]> cases = List.of(
                new String[] {"enable.idempotence=false", "run", "--data-dir", data, "--kafka-port", "0"},
                new String[] {"acks=1", "poll", "--bootstrap-servers", "127.0.0.1:1"},
                new String[] {"acks=1", "replay", "--bootstrap-servers", "127.0.0.1:1"},
                new String[] {"group.id=mine", "bronze", "--bootstrap-servers", "127.0.0.1:1", "--data-dir", data},
                new String[] {"auto.offset.reset=earliest", "tail", "--bootstrap-servers", "127.0.0.1:1"},
                new String[] {"enable.auto.commit=true", "serve", "--bootstrap-servers", "127.0.0.1:1", "--data-dir", data,
                    "--http-port", "0"});
        for (String[] testCase : cases) {
            List<String> args = new ArrayList<>(List.of(testCase).subList(1, testCase.length));
            args.addAll(List.of("--kafka-property", testCase[0]));
            StringWriter err = new StringWriter();
            CommandLine commandLine = commandLine(Map.of(), new Properties());
            commandLine.setErr(new PrintWriter(err));

            int status = commandLine.execute(args.toArray(String[]::new));

            assertThat(status).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString()).as(String.join(" ", args))
                    .contains("the Kafka property " + testCase[0] + " cannot be passed to the");
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aRefusedKafkaPropertyFromAFileNamedByTheEnvironmentSaysWhereItCameFrom(@TempDir Path dir) throws Exception {
        Path clientFile = Files.writeString(dir.resolve("client.properties"), "acks=1\n");

        Map<String, String> environment = Map.of("ISS_KAFKA_CONFIG", clientFile.toString());

        CommandRun fromFile = CommandRun.of(environment, "poll", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(fromFile.status()).isEqualTo(2);
        assertThat(fromFile.err()).contains("the Kafka property acks=1 cannot be passed to the publisher")
                .contains("(set by the environment variable ISS_KAFKA_CONFIG)");
        // --kafka-property wins over the file: the value that counts is accepted (the run then stops at a taken port)
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CommandRun overridden = CommandRun.of(environment, "run", "--kafka-property", "acks=all", "--kafka-port",
                    String.valueOf(taken.getLocalPort()), "--data-dir", dir.resolve("data").toString(), "--source", "simulator");
            assertThat(overridden.err()).doesNotContain("cannot be passed").contains("cannot listen on");
        }
    }

    @Test
    void maintenanceFindsItsTableUnderTheDataDirAndNamesWhatToPassWhenThereIsNone(@TempDir Path dir) {
        DataLayout layout = new DataLayout(dir.resolve("my data"));
        new DeltaBronzeTable(layout.bronze()).append(List.of(), Map.of(new FeedPartition("iss", 0), 0L));
        String data = layout.root().toString();

        CommandRun vacuum = CommandRun.of(Map.of(), "vacuum", "--data-dir", data, "--dry-run");
        CommandRun compact = CommandRun.of(Map.of("ISS_DATA_DIR", data), "compact");
        CommandRun bronzeByDir = CommandRun.of(Map.of(), "vacuum", "--table-dir", layout.bronze(), "--dry-run");
        CommandRun noWindows = CommandRun.of(Map.of(), "compact", "--data-dir", data, "--table", "windows");
        CommandRun unknown = CommandRun.of(Map.of(), "vacuum", "--data-dir", data, "--table", "silver");
        // a configured table directory gives way to a table typed by name, whose absence is then reported
        CommandRun configuredDirTypedTable = CommandRun.of(Map.of("ISS_TABLE_DIR", layout.bronze()), "vacuum",
                "--data-dir", data, "--table", "quarantine");
        CommandRun bothWays = CommandRun.of(Map.of(), "compact", "--table-dir", layout.bronze(), "--table", "bronze");

        assertThat(vacuum.status()).as(vacuum.err()).isZero();
        assertThat(vacuum.out()).contains("would delete 0 files");
        assertThat(compact.status()).as(compact.err()).isZero();
        assertThat(compact.out()).contains("iss_telemetry: nothing to compact");
        assertThat(bronzeByDir.status()).as(bronzeByDir.err()).isZero();
        assertThat(noWindows.status()).isEqualTo(2);
        assertThat(noWindows.err()).contains("Invalid value for option '--table': no Delta table at "
                + Path.of(layout.windows()).toAbsolutePath() + " (gold tables appear once iss gold or iss run has refined"
                + " bronze); pass the --data-dir that iss run, bronze or gold were given");
        assertThat(configuredDirTypedTable.status()).isEqualTo(2);
        assertThat(configuredDirTypedTable.err()).contains("Invalid value for option '--table': no Delta table at "
                + Path.of(layout.quarantine()).toAbsolutePath());
        assertThat(bothWays.status()).isEqualTo(2);
        assertThat(bothWays.err()).contains("--table-dir", "give it, or --data-dir and --table, not both");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("--table", "expected bronze, quarantine, windows or orbits, got 'silver'");
    }

    @Test
    void anUnknownSourceIsRefusedWhileTheCommandLineIsRead(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = commandLine(Map.of(), new Properties());
        commandLine.setErr(new PrintWriter(err));

        int status = commandLine.execute("run", "--source", "simulater", "--data-dir", dir.toString(), "--kafka-port", "0");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--source").contains("expected auto, api or simulator, got 'simulater'");
        assertThat(dir).isEmptyDirectory(); // no broker was started
    }

    @Test
    void runReadsItsElementSetBeforeStartingABroker(@TempDir Path dir) throws IOException {
        CommandRun run = CommandRun.of(Map.of(), "run", "--source", "simulator", "--tle", dir.resolve("missing.tle").toString(),
                "--data-dir", dir.resolve("data").toString(), "--kafka-port", "0", "--http-port", "0");

        assertThat(run.status()).as("a usage error").isEqualTo(2);
        assertThat(run.err()).contains("--tle").contains("missing.tle (no such file or directory)");
        assertThat(dir.resolve("data")).doesNotExist();

        Path garbled = Files.writeString(dir.resolve("garbled.tle"), "ISS (ZARYA)\nnot an element set\n");
        CommandRun simulator = CommandRun.of(Map.of("ISS_TLE", garbled.toString()), "simulator", "--port", "0");
        assertThat(simulator.status()).isEqualTo(2);
        assertThat(simulator.err()).contains("--tle").contains("garbled.tle").contains("(set by the environment variable ISS_TLE)");
        assertThat(CommandRun.of(Map.of("ISS_TLE", garbled.toString()), "run", "--help").status())
                .as("help does not read it").isZero();
    }

    @Test
    void aBindAddressThatNamesNoAddressIsAUsageErrorBeforeAnythingStarts(@TempDir Path dir) {
        CommandRun run = CommandRun.of(Map.of(), "run", "--bind", "[::1", "--data-dir", dir.resolve("data").toString(),
                "--kafka-port", "0", "--http-port", "0");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("iss run: Invalid value for option '--bind': '[::1' names no address")
                .contains("0.0.0.0 for every interface");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aTopicNameKafkaWouldRefuseAndAnApiUrlWithoutSchemeAreUsageErrors() {
        CommandRun spaced = CommandRun.of(Map.of(), "bronze", "--bootstrap-servers", "127.0.0.1:1", "--topic", "iss telemetry");
        CommandRun empty = CommandRun.of(Map.of(), "poll", "--bootstrap-servers", "127.0.0.1:1", "--topic", "");
        CommandRun fromFile = CommandRun.of(Map.of("ISS_TOPIC", "iss/telemetry"), "tail");
        CommandRun url = CommandRun.of(Map.of(), "poll", "--bootstrap-servers", "127.0.0.1:1", "--api-url", "localhost:8090");

        assertThat(spaced.status()).isEqualTo(2);
        assertThat(spaced.err()).contains("Invalid value for option '--topic'").contains("iss telemetry")
                .contains("ASCII alphanumerics, '.', '_' and '-'");
        assertThat(empty.status()).isEqualTo(2);
        assertThat(empty.err()).contains("Invalid value for option '--topic': topic name is required");
        assertThat(fromFile.status()).isEqualTo(2);
        assertThat(fromFile.err()).contains("iss/telemetry").contains("(set by the environment variable ISS_TOPIC)");
        assertThat(url.status()).isEqualTo(2);
        assertThat(url.err()).contains("Invalid value for option '--api-url': expected an absolute http(s) URL such as"
                + " https://api.wheretheiss.at, got 'localhost:8090'");
        assertThat(new PollCommand.ApiUrl().convert("http://127.0.0.1:8090/")).hasToString("http://127.0.0.1:8090/");
        assertThat(new KafkaConnection.TopicName().convert("iss-telemetry.v2_a")).isEqualTo("iss-telemetry.v2_a");
    }

    @Test
    void bootstrapServersWithoutAPortAreAUsageError() {
        CommandRun bronze = CommandRun.of(Map.of(), "bronze", "--bootstrap-servers", "localhost");
        CommandRun poll = CommandRun.of(Map.of("ISS_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2"), "poll");

        assertThat(bronze.status()).isEqualTo(2);
        assertThat(bronze.err()).isEqualTo("iss bronze: Invalid value for option '--bootstrap-servers': expected HOST:PORT,"
                + " or several separated by commas, such as localhost:9092, got 'localhost'" + System.lineSeparator()
                + "Run 'iss bronze --help' for its options." + System.lineSeparator());
        assertThat(poll.status()).isEqualTo(2);
        assertThat(poll.err()).contains("got 'kafka-2'").contains("(set by the environment variable ISS_BOOTSTRAP_SERVERS)");
        KafkaConnection.BootstrapServers servers = new KafkaConnection.BootstrapServers();
        String accepted = "PLAINTEXT://broker-1.example:9092, [fe80::1%eth0]:9093,BROKER1://10.0.0.7:19092,,kafka_2:9092";
        assertThat(servers.convert(accepted)).as("what Kafka's clients accept").isEqualTo(accepted);
        assertThatThrownBy(() -> servers.convert("localhost:70000")).hasMessageContaining("got 'localhost:70000'");
    }

    @Test
    void replaysStartIsReadAsTheQueryApiReadsInstants() {
        CommandRun run = CommandRun.of(Map.of(), "replay", "--bootstrap-servers", "127.0.0.1:1", "--start", "yesterday");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--start': expected an ISO-8601 instant such as"
                + " 2024-04-25T08:11:48Z or unix seconds (whole seconds up to the year 9999, not milliseconds), got"
                + " 'yesterday'").doesNotContain("java.time");
    }

    @Test
    void aConfigFileNotInUtf8IsNamedAsSuch(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("iss.properties");
        Files.write(config, "# Station d'\u00e9coute\nmax-rows=4242\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> IssDefaults.from(new String[] {"bronze", "--config", config.toString()}, Map.of()))
                .hasMessageContaining("iss.properties").hasMessageContaining("it is not UTF-8 text; save it as UTF-8");
    }

    @Test
    void anUnreadableConfigFileIsAUsageErrorThatNamesIt(@TempDir Path dir) {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        int status;
        try {
            status = IssCommand.execute(new String[] {"--help"}, Map.of("ISS_CONFIG", dir.resolve("missing.properties").toString()));
        } finally {
            System.setErr(err);
        }

        assertThat(status).isEqualTo(2);
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("ISS_CONFIG names a properties file that cannot be read").contains("missing.properties (no such file)");
    }

    @Test
    void aFailingSubcommandIsNamedWithItsParent(@TempDir Path dir) throws Exception {
        Path log = Files.createDirectories(dir.resolve("delta/gold/altitude_windows/_delta_log"));
        Files.writeString(log.resolve("00000000000000000000.json"), "not json\n");
        CommandRun run = CommandRun.of(Map.of(), "query", "windows", "--data-dir", dir.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).startsWith("iss query windows: cannot open the Delta table at ")
                .contains("altitude_windows");
    }

    @Test
    void durationsAreWrittenTheWayTheyAreRead() {
        DurationConverter converter = new DurationConverter();
        for (String text : new String[] {"0s", "1ms", "500ms", "1500ms", "1s", "90s", "10m", "2h", "25h", "7d"}) {
            assertThat(DurationConverter.format(converter.convert(text))).isEqualTo(text);
        }
        assertThat(DurationConverter.format(Duration.ofSeconds(-1))).isEqualTo("PT-1S");
        assertThat(DurationConverter.format(Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
    }

    @Test
    void aBadValueThatWasNotTypedSaysWhereItCameFrom(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("iss.properties");
        Files.writeString(config, "units=furlongs\n");
        Map<String, String[]> origins = Map.of(
                "(set by the environment variable ISS_MAX_ROWS)", new String[] {"bronze", "--bootstrap-servers", "127.0.0.1:1", "--data-dir", dir.toString()},
                "(set by the config file " + config + " (named by --config), key units)", new String[] {"poll", "--output", "-", "--config", config.toString()});
        origins.forEach((origin, args) -> {
            CommandRun run = CommandRun.of(Map.of("ISS_MAX_ROWS", "0"), args);

            assertThat(run.status()).as(origin).isEqualTo(2);
            assertThat(run.err()).as(origin).contains(origin);
        });

        CommandRun typed = CommandRun.of(Map.of("ISS_MAX_ROWS", "0"),
                "bronze", "--max-rows", "0", "--bootstrap-servers", "127.0.0.1:1", "--data-dir", dir.toString());
        assertThat(typed.status()).isEqualTo(2);
        assertThat(typed.err()).contains("Invalid value for option '--max-rows'").doesNotContain("set by");
    }

    @Test
    void aConfigFileKeyNoCommandTakesIsAUsageErrorNamingIt(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("iss.properties");
        // max-rows is bronze's and window-size gold's: one file may serve both; max-rowz is a typo
        Files.writeString(config, "max-rows=1000\nwindow-size=10s\nmax-rowz=5\n");
        String[] args = {"bronze", "--config", config.toString(), "--bootstrap-servers", "127.0.0.1:1"};

        assertThatThrownBy(() -> IssCommand.create(args, Map.of()))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("the config file " + config + " (named by --config) has a key that no command takes: max-rowz;"
                        + " a key is an option's name without its dashes, such as max-rows, or bronze.max-rows for one command"
                        + " (`iss <command> --help` lists them)");
        assertThat(IssCommand.execute(args, Map.of())).isEqualTo(2);

        Files.writeString(config, "max-rows=1000\nwindow-size=10s\n");
        assertThat(bronze(IssCommand.create(args, Map.of()), args).maxRows).isEqualTo(1000);
    }

    @Test
    void anIssVariableThatMatchesNoOptionIsReported() {
        Map<String, String> environment = Map.of("ISS_MAX_ROWZ", "5", "ISS_MAX_ROWS", "5", "ISS_WINDOW_SIZE", "10s",
                "ISS_DEBUG", "1", "ISS_JAVA_OPTS", "-Xmx1g", "ISS_LOG_LEVEL", "DEBUG", "PATH", "/bin");
        CommandLine commandLine = commandLine(environment, new Properties());

        assertThat(IssDefaults.from(new String[] {"bronze"}, environment).unknownVariables(commandLine))
                .containsExactly("ISS_MAX_ROWZ");
    }

    @Test
    void anAddressNotOfThisMachineIsNamedWithWhatToDo(@TempDir Path dir) {
        CommandRun serve = CommandRun.of(Map.of(), "serve", "--bind", "192.0.2.1", "--http-port", "0", "--data-dir", dir.toString());

        assertThat(serve.status()).isEqualTo(1);
        assertThat(serve.err()).contains("iss serve: cannot listen on --bind 192.0.2.1 --http-port 0 (Cannot assign requested address")
                .contains("pass another --bind");
    }

    @Test
    void aPortInUseIsNamedWithWhatToDo(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(taken.getLocalPort());

            CommandRun simulator = CommandRun.of(Map.of(), "simulator", "--port", port);
            CommandRun serve = CommandRun.of(Map.of(), "serve", "--http-port", port, "--data-dir", dir.toString());
            CommandRun broker = CommandRun.of(Map.of(), "broker", "--port", port, "--data-dir", dir.toString());
            CommandRun run = CommandRun.of(Map.of(), "run", "--kafka-port", port, "--data-dir", dir.toString(),
                    "--source", "simulator");
            Path runData = dir.resolve("run-http");
            CommandRun runHttp = CommandRun.of(Map.of(), "run", "--http-port", port, "--kafka-port", "0",
                    "--data-dir", runData.toString(), "--source", "simulator");

            assertThat(simulator.status()).isEqualTo(1);
            assertThat(simulator.err()).contains("iss simulator: cannot listen on --port " + port + " (Address already in use")
                    .contains("if it is in use, stop the other process or pass another --port");
            assertThat(serve.status()).isEqualTo(1);
            assertThat(serve.err()).contains("iss serve: cannot listen on --bind 127.0.0.1 --http-port " + port
                    + " (Address already in use").contains("stop the other process or pass another --http-port");
            assertThat(broker.status()).isEqualTo(1);
            String cannotListen = "cannot listen on 127.0.0.1:" + port + " (Address already in use";
            assertThat(broker.err()).containsOnlyOnce(cannotListen).containsPattern("(?m)^iss broker: " + Pattern.quote(cannotListen)
                    + "[^)]*\\); stop what holds it \\(another broker\\?\\), or pass another --port \\(0 picks a free one\\)$");
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err()).containsOnlyOnce(cannotListen).containsPattern("(?m)^iss run: " + Pattern.quote(cannotListen)
                    + "[^)]*\\); stop what holds it \\(another broker\\?\\), pass another --kafka-port \\(0 picks a free one\\),"
                    + " or use a broker there with --bootstrap-servers 127\\.0\\.0\\.1:" + port + "$");
            assertThat(runHttp.status()).isEqualTo(1);
            assertThat(runHttp.err()).contains("iss run: cannot listen on --bind 127.0.0.1 --http-port " + port
                    + " (Address already in use").contains("stop the other process or pass another --http-port");
            assertThat(runData).as("refused before its broker started").doesNotExist();
        }
    }

    @Test
    void issDebugAddsTheStackTraceUnlessItIsZeroOrFalse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(taken.getLocalPort());
            for (String off : new String[] {"0", "false", ""}) {
                CommandRun run = CommandRun.of(Map.of("ISS_DEBUG", off), "simulator", "--port", port);
                assertThat(run.status()).isEqualTo(1);
                assertThat(run.err()).as("ISS_DEBUG=" + off).contains("set ISS_DEBUG=1").doesNotContain("\tat ");
            }
            CommandRun debugging = CommandRun.of(Map.of("ISS_DEBUG", "1"), "simulator", "--port", port);
            assertThat(debugging.err()).contains("\tat ").doesNotContain("set ISS_DEBUG=1");
        }
    }
}
