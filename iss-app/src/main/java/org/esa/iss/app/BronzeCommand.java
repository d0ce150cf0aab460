package org.esa.iss.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.esa.iss.adapter.kafka.KafkaTelemetryFeed;
import org.esa.iss.ports.IngestOptions;
import org.esa.iss.ports.IngestService;
import org.esa.iss.ports.in.IngestSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code iss bronze}: Kafka to the bronze and quarantine tables, exactly once. */
@Command(name = "bronze", mixinStandardHelpOptions = true,
        description = "Ingest the telemetry topic into the bronze (valid) and quarantine (invalid) Delta tables, each offset exactly once.")
final class BronzeCommand implements Callable<Integer> {
    @Mixin
    KafkaConnection kafka;

    @Mixin
    ConsumerGroup group;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "Root of the tables (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--until-caught-up", description = "Drain to the end offsets seen at start, commit, print a summary and exit.")
    boolean untilCaughtUp;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "250000", description = "Commit when this many records have been read since the last commit (default: ${DEFAULT-VALUE}).")
    int maxRows;

    @Option(names = "--max-latency", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Commit when the oldest buffered record has waited this long (default: ${DEFAULT-VALUE}).")
    Duration maxLatency;

    @Mixin
    DeletedRecordsOption deletedRecords;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OptionChecks.atLeast(spec, "--max-rows", maxRows, 1);
        OptionChecks.atLeast(spec, "--max-latency", maxLatency, Duration.ZERO);
        group.check(kafka);
        IngestOptions options = new IngestOptions(maxRows, maxLatency, IngestOptions.DEFAULT.pollTimeout(),
                IngestOptions.DEFAULT.quarantineLagLimit(), deletedRecords.skip);
        String bootstrapServers = kafka.requireBootstrapServers(spec);
        Shutdown.Hook hook = Shutdown.onSignal(); // a signal while it starts ends it at once, status 0
        if (untilCaughtUp) {
            Stages.requireTopic(bootstrapServers, kafka);
        } else {
            // A consumer alone would wait for an unreachable cluster in silence, for ever: ask the cluster first,
            // which says so after 5 s and fails, naming it, after 30 s. (A topic that does not exist yet is waited for.)
            Stages.awaitBronzeCoordinator(bootstrapServers, kafka, group.name);
            Stages.noteIfTopicMissing(bootstrapServers, kafka);
        }
        IngestSummary summary;
        // Closed when done, so that the consumer leaves its group at once rather than after its session timeout.
        try (KafkaTelemetryFeed feed = Stages.bronzeFeed(bootstrapServers, kafka, group.name)) {
            IngestService ingester = Stages.ingester(feed, new DataLayout(dataDir), options);
            hook.stopWith(ingester::stop);
            try (ProgressReport progress = ProgressReport.ofStage(untilCaughtUp,
                    () -> records(ingester.progress()), () -> describe(ingester.progress()))) {
                summary = ingester.run(untilCaughtUp);
            }
        }
        System.out.println(describe(summary)); // before done: a signal's hook ends the process once released
        Shutdown.done(hook);
        return 0;
    }

    private static long records(IngestSummary s) {
        return s.rows() + s.quarantined() + s.skipped();
    }

    static String describe(IngestSummary s) {
        return String.format("bronze: %,d rows, %,d quarantined, %,d already present, %,d commits in %.1f s (%,.0f records/s)",
                s.rows(), s.quarantined(), s.skipped(), s.commits(), s.elapsed().toMillis() / 1000.0, s.recordsPerSecond());
    }
}
