package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** docker-compose.yaml stays in step with the command line it starts. */
class ComposeFileTest {
    private static JsonNode services;

    @BeforeAll
    static void readComposeFile() throws Exception {
        Path file = Path.of("..", "docker-compose.yaml");
        // SnakeYAML (under Jackson's YAML module) resolves the anchors and merge keys the file uses
        Object document = new org.yaml.snakeyaml.Yaml().load(Files.readString(file));
        services = new ObjectMapper().valueToTree(document).get("services");
    }

    @Test
    void hasKafkaInKraftModeAndOneServicePerStage() {
        assertThat(services.fieldNames()).toIterable().contains("kafka", "poll", "bronze", "gold", "serve");
        JsonNode kafka = services.get("kafka");
        assertThat(kafka.get("image").asText()).startsWith("apache/kafka:");
        assertThat(kafka.get("environment").get("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(kafka.get("environment").get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").asInt()).isEqualTo(1);
    }

    @Test
    void theBrokersLogLivesOnItsVolumeSoThatItOutlivesTheContainerAsTheTablesDo() {
        JsonNode kafka = services.get("kafka");
        String logDirs = kafka.get("environment").get("KAFKA_LOG_DIRS").asText();
        List<String> volumes = new ArrayList<>();
        kafka.get("volumes").forEach(v -> volumes.add(v.asText()));
        assertThat(volumes).contains("kafka-data:" + logDirs);
    }

    @Test
    void theHostReachesTheBrokerWhereIssToolsLookByDefault() {
        JsonNode kafka = services.get("kafka");
        assertThat(kafka.get("environment").get("KAFKA_ADVERTISED_LISTENERS").asText())
                .contains("DOCKER://" + containerBootstrapServers()).contains("HOST://127.0.0.1:9092");
        assertThat(kafka.get("ports").get(0).asText()).isEqualTo("127.0.0.1:9092:9092");
    }

    private static String containerBootstrapServers() {
        return services.get("poll").get("environment").get("ISS_BOOTSTRAP_SERVERS").asText();
    }

    @Test
    void everyStageCommandParsesWithItsEnvironmentAndReachesTheBroker() {
        for (String stage : List.of("poll", "bronze", "gold", "serve")) {
            ParseResult parsed = parse(stage);
            assertThat(parsed.subcommand().commandSpec().name()).isEqualTo(stage);
            CommandLine.Model.CommandSpec spec = parsed.subcommand().commandSpec();
            if (spec.findOption("--bootstrap-servers") != null) {
                assertThat((String) spec.findOption("--bootstrap-servers").getValue()).isEqualTo("kafka:19092");
            }
            if (spec.findOption("--data-dir") != null) {
                assertThat(spec.findOption("--data-dir").getValue().toString()).isEqualTo(dataMount(stage));
            }
        }
    }

    @Test
    void everyIssEnvironmentVariableNamesARealOption() {
        for (String stage : List.of("poll", "bronze", "gold", "serve")) {
            services.get(stage).get("environment").fieldNames().forEachRemaining(name -> {
                String option = "--" + name.substring("ISS_".length()).toLowerCase().replace('_', '-');
                boolean known = List.of("poll", "bronze", "gold", "serve").stream()
                        .anyMatch(s -> parse(s).subcommand().commandSpec().findOption(option) != null);
                assertThat(known).as(name + " maps to " + option).isTrue();
            });
        }
    }

    @Test
    void serveIsPublishedOnTheHostsLoopbackAtItsDefaultPortAndBindsAllInterfacesInsideTheContainer() {
        CommandLine.Model.CommandSpec serve = parse("serve").subcommand().commandSpec();
        int port = (Integer) serve.findOption("--http-port").getValue();
        assertThat(services.get("serve").get("ports").get(0).asText()).isEqualTo("127.0.0.1:" + port + ":" + port);
        assertThat((String) serve.findOption("--bind").getValue()).isEqualTo("0.0.0.0");
    }

    @Test
    void eachStageRunsWithTheJvmOptionsTheLauncherGivesItsCommand() throws Exception {
        // the launcher's case statement: a pattern of commands, then the line setting their defaults
        Matcher cases = Pattern.compile("^\\s*([a-z|*]+)\\)\\s*$(?:\\s*#.*$)*\\s*defaults=\"([^\"]+)\"", Pattern.MULTILINE)
                .matcher(Files.readString(Path.of("..", "iss")));
        Map<String, List<String>> launcher = new HashMap<>();
        while (cases.find()) {
            for (String command : cases.group(1).split("\\|")) {
                launcher.put(command, List.of(cases.group(2).split(" ")));
            }
        }
        assertThat(launcher).containsKeys("bronze", "gold", "*");
        for (String stage : List.of("poll", "bronze", "gold", "serve")) {
            List<String> args = new ArrayList<>();
            services.get(stage).get("command").forEach(a -> args.add(a.asText()));
            List<String> jvmOptions = args.subList(args.indexOf("java") + 1, args.indexOf("-jar"));
            assertThat(jvmOptions).as(stage).isEqualTo(launcher.getOrDefault(stage, launcher.get("*")));
        }
    }

    @Test
    void tablesLiveOnAVolumeSharedByTheStages() {
        for (String stage : List.of("bronze", "gold", "serve")) {
            List<String> volumes = new ArrayList<>();
            services.get(stage).get("volumes").forEach(v -> volumes.add(v.asText()));
            assertThat(volumes).contains("iss-data:" + dataMount(stage));
        }
    }

    private static String dataMount(String stage) {
        return services.get(stage).get("environment").get("ISS_DATA_DIR").asText();
    }

    /** Parses a service's command as the container would run it: arguments after the jar, environment applied. */
    private static ParseResult parse(String stage) {
        JsonNode service = services.get(stage);
        List<String> args = new ArrayList<>();
        service.get("command").forEach(a -> args.add(a.asText()));
        List<String> issArgs = args.subList(args.indexOf("iss.jar") + 1, args.size());
        Map<String, String> environment = new HashMap<>();
        service.get("environment").fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
        CommandLine commandLine = new CommandLine(new IssCommand());
        commandLine.setDefaultValueProvider(new IssDefaults(environment, new Properties()));
        return commandLine.parseArgs(issArgs.toArray(String[]::new));
    }
}
