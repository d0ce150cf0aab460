package org.esa.iss.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.esa.iss.adapter.http.QueryApiServer;
import org.esa.iss.adapter.kafka.EmbeddedBrokerOptions;
import org.esa.iss.adapter.kafka.EmbeddedKafkaBroker;
import org.esa.iss.adapter.kafka.KafkaTelemetryFeed;
import org.esa.iss.adapter.kafka.KafkaTelemetryPublisher;
import org.esa.iss.adapter.kafka.PortUnavailable;
import org.esa.iss.ports.IngestOptions;
import org.esa.iss.ports.IngestService;
import org.esa.iss.ports.LiveTelemetryService;
import org.esa.iss.ports.PollOptions;
import org.esa.iss.ports.PollingService;
import org.esa.iss.ports.RefineOptions;
import org.esa.iss.ports.RefineService;
import org.esa.iss.ports.out.GroundControl;
import org.esa.iss.ports.out.SlotClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code iss run}: the whole pipeline in one process: embedded Kafka (unless a cluster is named), poller,
 * bronze, gold, and the query API with the dashboard.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run everything in one process: Kafka (embedded unless --bootstrap-servers), poller, bronze, gold, dashboard.")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    KafkaConnection kafka;

    @Mixin
    ConsumerGroup group;

    @Mixin
    TopicCreation topicCreation;

    @Mixin
    PollCommand.SourceOptions source;

    @Mixin
    GoldCommand.WindowOptions windows;

    @Mixin
    HttpOptions http;

    @Mixin
    DeletedRecordsOption deletedRecords;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "Where Kafka's log and the Delta tables live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092", description = "Port of the embedded broker; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // Everything the user can get wrong is refused before a broker starts or a table is written.
        RefineOptions refineOptions = windows.refineOptions();
        http.check();
        source.check();
        topicCreation.check();
        OptionChecks.port(spec, "--kafka-port", kafkaPort);
        kafka.checkPublisherProperties(spec);
        group.check(kafka);
        DataLayout layout = new DataLayout(dataDir);
        http.requireFree(); // the server starts last: a taken port is told before the broker starts
        long started = System.nanoTime();
        Shutdown.Hook hook = Shutdown.onSignal(); // a signal while it starts ends it at once, status 0
        GroundControl groundControl = source.groundControl(Clock.systemUTC());
        EmbeddedKafkaBroker broker = kafka.bootstrapServers == null ? startBroker(layout) : null;
        String servers = broker != null ? broker.bootstrapServers() : kafka.bootstrapServers;
        Throwable stageFailure = null;
        String failedStage = null;
        PollingService polling = null; // the poller, for its counts once its publisher is closed
        try {
            Stages.ensureTopic(servers, kafka, topicCreation.partitions);
            LiveTelemetryService live = new LiveTelemetryService();
            try (KafkaTelemetryPublisher publisher = Stages.livePublisher(servers, kafka);
                 KafkaTelemetryFeed feed = Stages.bronzeFeed(servers, kafka, group.name)) {
                PollingService poller = new PollingService(groundControl, publisher, SlotClock.SYSTEM, Clock.systemUTC(),
                        PollOptions.DEFAULT, live::observed);
                polling = poller;
                IngestService ingester = Stages.ingester(feed, layout, IngestOptions.DEFAULT.withSkipDeletedRecords(deletedRecords.skip));
                RefineService refiner = Stages.refiner(layout, refineOptions, live::windowCommitted);
                StageThreads stages = new StageThreads();
                PipelineMetrics metrics = new PipelineMetrics(poller, publisher, ingester, refiner);
                PipelineHealth health = new PipelineHealth(groundControl.source(), poller, publisher::counts, ingester, refiner, stages);
                try (QueryApiServer api = http.start(Stages.queries(layout), live, health, metrics::scrape)) {
                    hook.stopWith(poller::stop); // before the stages start: a signal from now on drains them
                    stages.start("poll", () -> {
                        Stages.resumeAfterTopic(poller, servers, kafka);
                        return poller.run(0);
                    });
                    stages.start("bronze", () -> ingester.run(false));
                    stages.start("gold", () -> refiner.run(false));
                    System.out.printf("iss run: source=%s, kafka=%s%s, data=%s, dashboard=%s (started in %.1f s; Ctrl-C to stop)%n",
                            groundControl.source(), servers, broker != null ? " (embedded)" : "", dataDir.toAbsolutePath(),
                            api.baseUri(), (System.nanoTime() - started) / 1e9);
                    String first = stages.awaitAnyEnd();
                    if (!first.equals("poll")) {
                        LOG.error("stage {} stopped unexpectedly; shutting down the others", first);
                        poller.stop();
                    }
                    drain(stages, poller, ingester, refiner);
                    stageFailure = stages.failure();
                    failedStage = stages.failedStage();
                }
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
        // Counted once the publisher is closed, which settles every record (an external broker may be away).
        long undeliverable = polling == null ? 0 : polling.statistics().undeliverable();
        if (undeliverable > 0) {
            PollCommand.reportUndeliverable("iss run", undeliverable);
        }
        if (stageFailure != null) { // the last line, as every command's failure; the handler releases the hook
            throw new IllegalStateException("stage " + failedStage + " failed", stageFailure);
        }
        // Only now, with the API, the clients and the broker closed: a signal's hook ends the process once released.
        if (undeliverable > 0) {
            Shutdown.doneWithFailure(hook);
            return 1;
        }
        Shutdown.done(hook);
        return 0;
    }

    /**
     * After the poller stopped: bronze takes everything published so far, then gold everything in bronze. A stage
     * that takes too long is stopped with what it has. The waits add up to 92 s, leaving a signal's grace (120 s) time
     * for closing the clients and the broker.
     */
    private static void drain(StageThreads stages, PollingService poller, IngestService ingester, RefineService refiner)
            throws InterruptedException {
        stages.join("poll", 12); // its wait for the broker is bounded at 10 s once stopped
        ingester.drain();
        stages.joinOrStop("bronze", 30, ingester::stop, 10);
        refiner.drain();
        stages.joinOrStop("gold", 30, refiner::stop, 10);
        System.out.printf("iss run stopped: %d published, %d delivered; %s; %s%n", poller.statistics().published(),
                poller.statistics().delivered(), BronzeCommand.describe(ingester.progress()), GoldCommand.describe(refiner.progress()));
    }

    private EmbeddedKafkaBroker startBroker(DataLayout layout) {
        try {
            return EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.defaults().withPort(kafkaPort)
                    .withDataDir(layout.kafka()).withPartitions(topicCreation.partitions));
        } catch (PortUnavailable e) {
            throw new IllegalStateException(e.getMessage() + "; stop what holds it (another broker?), pass another"
                    + " --kafka-port (0 picks a free one), or use a broker there with --bootstrap-servers " + e.address(), e);
        }
    }
}
