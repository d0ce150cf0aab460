package org.esa.iss.app;

import picocli.CommandLine.Option;

/** How a command that publishes creates the telemetry topic when the cluster does not have it yet. */
final class TopicCreation {
    @Option(names = "--partitions", defaultValue = "1",
            description = "Partitions of the topic if it does not exist yet and is created here (default: ${DEFAULT-VALUE});"
                    + " more partitions let more ingesters share the work.")
    int partitions;
}
