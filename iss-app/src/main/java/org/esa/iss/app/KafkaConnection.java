package org.esa.iss.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.esa.iss.adapter.kafka.BootstrapAddresses;
import org.esa.iss.adapter.kafka.FeedOptions;
import org.esa.iss.adapter.kafka.PublisherOptions;
import org.esa.iss.adapter.kafka.TopicSpec;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Options shared by every stage that talks to Kafka. */
final class KafkaConnection {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", converter = BootstrapServers.class,
            description = {"Kafka cluster to use (env ISS_BOOTSTRAP_SERVERS). Required by poll, bronze and replay; when absent,"
                    + " run starts an embedded broker, serve leaves out the live stream and tail reads 127.0.0.1:9092"
                    + " (where the brokers of `iss run` and `iss broker` listen by default)."})
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = TopicSpec.DEFAULT_TOPIC, converter = TopicName.class,
            description = "Telemetry topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "Any Kafka client property, e.g. security.protocol=SASL_SSL; repeatable; wins over --kafka-config.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--kafka-config", paramLabel = "FILE", converter = KafkaClientFile.Converter.class,
            description = "A Kafka client properties file (SASL, SSL, ...), as Kafka's own tools take; one ISS_KAFKA_CONFIG"
                    + " can name it where a variable could hold only one --kafka-property.")
    KafkaClientFile clientFile = KafkaClientFile.NONE;

    /** The Kafka client properties to pass through: the file's, then {@code --kafka-property}'s over them. */
    Map<String, String> clientProperties() {
        Map<String, String> merged = new LinkedHashMap<>(clientFile.properties());
        merged.putAll(properties);
        return merged;
    }

    /** Refuses, as a usage error (exit 2) before anything starts, properties the publishers could not take. */
    void checkPublisherProperties(CommandSpec command) {
        refuseAsUsageError(command, PublisherOptions::checkClientProperties);
    }

    /** Refuses, as a usage error (exit 2) before anything starts, properties a feed (in {@code groupId}) could not take. */
    void checkFeedProperties(CommandSpec command, Optional<String> groupId) {
        refuseAsUsageError(command, properties -> FeedOptions.checkClientProperties(properties, groupId));
    }

    /** The error names the option that set the refused value, so that one not typed says where it came from. */
    private void refuseAsUsageError(CommandSpec command, Consumer<Map<String, String>> check) {
        try {
            check.accept(clientProperties());
        } catch (IllegalArgumentException refused) {
            String option = refuses(check, properties) ? "--kafka-property" : "--kafka-config";
            throw new ParameterException(command.commandLine(), refused.getMessage(), refused, command.findOption(option),
                    null);
        }
    }

    private static boolean refuses(Consumer<Map<String, String>> check, Map<String, String> properties) {
        try {
            check.accept(properties);
            return false;
        } catch (IllegalArgumentException refused) {
            return true;
        }
    }

    /**
     * Refuses at parse time what Kafka's clients would refuse only when created, in Kafka's words ("Invalid url in
     * bootstrap.servers"). A blank value is left to {@link #requireBootstrapServers}, which says that one is needed.
     */
    static final class BootstrapServers implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!value.isBlank()) {
                try {
                    BootstrapAddresses.check(value);
                } catch (IllegalArgumentException refused) {
                    throw new CommandLine.TypeConversionException(refused.getMessage());
                }
            }
            return value;
        }
    }

    /** Refuses at parse time a topic name Kafka would refuse only once a broker is asked for it. */
    static final class TopicName implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                TopicSpec.checkName(value);
            } catch (IllegalArgumentException refused) {
                throw new CommandLine.TypeConversionException(refused.getMessage());
            }
            return value;
        }
    }

    /** The bootstrap servers, or a usage error of {@code command} (exit 2) naming the option. */
    String requireBootstrapServers(CommandSpec command) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new ParameterException(command.commandLine(),
                    "--bootstrap-servers is required (or set ISS_BOOTSTRAP_SERVERS), e.g. localhost:9092");
        }
        return bootstrapServers;
    }
}
