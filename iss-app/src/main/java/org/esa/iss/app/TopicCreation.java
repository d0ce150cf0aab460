package org.esa.iss.app;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How a command that publishes creates the telemetry topic when the cluster does not have it yet. */
final class TopicCreation {
    @Option(names = "--partitions", paramLabel = "N", defaultValue = "1",
            description = "Partitions of the topic if it does not exist yet and is created here (default: ${DEFAULT-VALUE});"
                    + " records are keyed by satellite, so more partitions let more ingesters share several satellites.")
    int partitions;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Refuses a partition count Kafka would refuse, before the command starts anything. */
    void check() {
        OptionChecks.atLeast(spec, "--partitions", partitions, 1);
    }
}
