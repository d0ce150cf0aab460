package org.esa.iss.app;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by every stage that talks to Kafka. */
final class KafkaConnection {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka cluster to use (env ISS_BOOTSTRAP_SERVERS). `run` starts an embedded broker when absent.")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "iss", description = "Telemetry topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--partitions", defaultValue = "1",
            description = "Partitions when the topic is created here (default: ${DEFAULT-VALUE}); more partitions let more ingesters share the work.")
    int partitions;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "Any Kafka client property, e.g. security.protocol=SASL_SSL; repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    /** The bootstrap servers, or a clear error naming the option. */
    String requireBootstrapServers() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--bootstrap-servers is required (or set ISS_BOOTSTRAP_SERVERS), e.g. localhost:9092");
        }
        return bootstrapServers;
    }
}
