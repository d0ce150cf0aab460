package org.esa.iss.app;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.esa.iss.adapter.http.QueryApiServer;
import org.esa.iss.adapter.kafka.FeedOptions;
import org.esa.iss.adapter.kafka.KafkaTelemetryFeed;
import org.esa.iss.domain.InvalidTelemetry;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.ports.AltitudeQueryService;
import org.esa.iss.ports.LiveTelemetryService;
import org.esa.iss.ports.in.CheckHealth;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.Observation;
import org.esa.iss.ports.out.PartitionPositions;
import org.esa.iss.ports.out.RawRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code iss serve}: the query API and dashboard over gold, as its own process. With
 * {@code --bootstrap-servers} it also follows the topic from its end, so the live view shows new fixes.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the read-only query API and the dashboard over the gold tables.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    HttpOptions http;

    @Mixin
    KafkaConnection kafka;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "Root of the tables (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        http.check();
        kafka.checkFeedProperties(spec, Optional.empty());
        AltitudeQueryService queries = Stages.queries(new DataLayout(dataDir));
        LiveTelemetryService live = new LiveTelemetryService();
        CheckHealth health = () -> new CheckHealth.HealthReport(true, true, Map.of("gold",
                new CheckHealth.ComponentHealth(CheckHealth.Status.UP, queries.highestAltitude()
                        .map(p -> "highest " + p.altitudeKm() + " km at " + p.at()).orElse("no windows yet"))));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread follower = kafka.bootstrapServers == null ? null : follow(live, stopped);
        try (QueryApiServer api = http.start(queries, live, health, () -> "")) {
            System.out.println("iss serve: " + api.baseUri() + " over " + dataDir.toAbsolutePath() + " (Ctrl-C to stop)");
            Shutdown.Hook hook = Shutdown.onSignal(stopped::countDown, "iss serve: stopping");
            stopped.await();
            if (follower != null) {
                follower.join(5_000);
            }
            Shutdown.done(hook);
        }
        return 0;
    }

    /** Feeds the live view from the topic's end (a consumer without a group; nothing is committed). */
    private Thread follow(LiveTelemetryService live, CountDownLatch stopped) {
        Thread thread = new Thread(() -> {
            try (KafkaTelemetryFeed feed = new KafkaTelemetryFeed(FeedOptions.allPartitions(kafka.bootstrapServers, kafka.topic)
                    .withAbsentStart(FeedOptions.StartPosition.LATEST).withClientProperties(kafka.clientProperties()))) {
                feed.start(new PartitionPositions() {
                    @Override
                    public Map<FeedPartition, Long> nextOffsets(java.util.Collection<FeedPartition> assigned) {
                        return Map.of();
                    }

                    @Override
                    public void revoked(java.util.Collection<FeedPartition> revoked) {
                    }
                });
                while (stopped.getCount() > 0) {
                    List<RawRecord> records = feed.poll(Duration.ofMillis(500));
                    for (RawRecord record : records) {
                        try {
                            live.observed(new Observation(TelemetryJson.parse(record.value()), record.value(),
                                    record.header("source", "unknown"), Instant.ofEpochMilli(record.timestampMs())));
                        } catch (InvalidTelemetry skipped) {
                            // quarantine is the ingester's job; the live view shows valid fixes only
                        }
                    }
                }
            } catch (RuntimeException e) {
                System.err.println("iss serve: the live view stops following Kafka: "
                        + (e.getMessage() != null ? e.getMessage() : e.toString())
                        + "; the query API goes on serving gold (restart to follow again)");
            }
        }, "iss-serve-follow");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
