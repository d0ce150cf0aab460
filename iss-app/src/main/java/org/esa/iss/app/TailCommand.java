package org.esa.iss.app;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.esa.iss.adapter.kafka.EmbeddedBrokerOptions;
import org.esa.iss.adapter.kafka.FeedOptions;
import org.esa.iss.adapter.kafka.KafkaTelemetryFeed;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.PartitionPositions;
import org.esa.iss.ports.out.RawRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code iss tail}: the topic's records on standard output, one JSON document per line. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print records from the telemetry topic as JSON lines (new ones only, unless --from-beginning).")
final class TailCommand implements Callable<Integer> {

    @Mixin
    KafkaConnection kafka;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of the newest.")
    boolean fromBeginning;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Stop after this many records; 0 follows until Ctrl-C (default: ${DEFAULT-VALUE}).")
    long limit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OptionChecks.atLeast(spec, "--limit", limit, 0);
        kafka.checkFeedProperties(spec, Optional.empty());
        String servers = kafka.bootstrapServers != null ? kafka.bootstrapServers : "127.0.0.1:" + EmbeddedBrokerOptions.DEFAULT_PORT;
        Shutdown.Hook hook = Shutdown.onSignal(); // a signal while it starts ends it at once, status 0
        Stages.requireTopic(servers, kafka);
        FeedOptions options = FeedOptions.allPartitions(servers, kafka.topic)
                .withAbsentStart(fromBeginning ? FeedOptions.StartPosition.EARLIEST : FeedOptions.StartPosition.LATEST)
                .withClientProperties(kafka.clientProperties());
        PrintWriter out = spec.commandLine().getOut();
        AtomicBoolean stopping = new AtomicBoolean();
        try (KafkaTelemetryFeed feed = new KafkaTelemetryFeed(options)) {
            hook.stopWith(() -> {
                stopping.set(true);
                feed.wakeup();
            });
            feed.start(NO_STORED_POSITIONS);
            long printed = 0;
            while (!stopping.get() && (limit == 0 || printed < limit)) {
                for (RawRecord record : feed.poll(Duration.ofMillis(500))) {
                    out.println(record.value() == null ? "null" : new String(record.value(), StandardCharsets.UTF_8));
                    if (++printed == limit) {
                        break;
                    }
                }
                out.flush();
            }
        }
        Shutdown.done(hook);
        return 0;
    }

    /** A tail remembers nothing: every partition starts where --from-beginning says. */
    private static final PartitionPositions NO_STORED_POSITIONS = new PartitionPositions() {
        @Override
        public Map<FeedPartition, Long> nextOffsets(Collection<FeedPartition> assigned) {
            return Map.of();
        }

        @Override
        public void revoked(Collection<FeedPartition> revoked) {
        }
    };
}
