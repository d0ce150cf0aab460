package org.esa.iss.app;

import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The Kafka consumer group a command's bronze ingester joins. */
final class ConsumerGroup {
    @Option(names = "--group", paramLabel = "NAME", defaultValue = Stages.BRONZE_GROUP,
            description = "Consumer group of the bronze ingesters (default: ${DEFAULT-VALUE}): the ingesters of one bronze"
                    + " table share the topic's partitions in it, so another deployment reading the same topic needs a group"
                    + " of its own.")
    String name;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /**
     * Refuses, as usage errors, a blank name and client properties a group member cannot run with, which Kafka
     * would refuse only once the consumer starts.
     */
    void check(KafkaConnection kafka) {
        if (name.isBlank()) {
            throw OptionChecks.rejected(spec, "--group", "must name a consumer group", name);
        }
        kafka.checkFeedProperties(spec, Optional.of(name));
    }
}
