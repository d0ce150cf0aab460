package org.esa.iss.app;

import java.time.Clock;
import java.util.List;
import org.esa.iss.adapter.kafka.KafkaTelemetryFeed;
import org.esa.iss.adapter.kafka.KafkaTelemetryPublisher;
import org.esa.iss.ports.IngestOptions;
import org.esa.iss.ports.IngestService;
import org.esa.iss.ports.PollOptions;
import org.esa.iss.ports.PollingService;
import org.esa.iss.ports.RefineOptions;
import org.esa.iss.ports.RefineService;
import org.esa.iss.ports.in.PollStatistics;
import org.esa.iss.ports.out.GroundControl;
import org.esa.iss.ports.out.SlotClock;

/**
 * The live path of {@code iss run}, wired the same way, with the simulator as ground control: poller at 2 Hz
 * to Kafka, bronze with the default 1 s commit latency, gold. Measures, per observation, poll to bronze-visible
 * (the bronze commit holding it has returned) and poll to window-emitted (the gold commit of its window has
 * returned). A window closes only when the watermark (newest event minus 10 s) passes its end, so the second
 * latency is dominated by the window size and watermark delay by design.
 */
final class LivePhase implements BenchPhase {
    /** How often the ingester's progress is read; the resolution of the bronze latency. */
    private static final long WATCH_MILLIS = 2;

    @Override
    public String name() {
        return "live";
    }

    @Override
    public boolean backlog() {
        return false;
    }

    @Override
    public void prepare(BenchRun run) {
        Stages.ensureTopic(run.bootstrapServers(), run.liveTopic(), run.partitions());
        Stages.awaitBronzeCoordinator(run.bootstrapServers(), run.liveTopic(), Stages.BRONZE_GROUP);
    }

    @Override
    public List<Metric> run(BenchRun run) throws Exception {
        KafkaConnection kafka = run.liveTopic();
        DataLayout tables = run.liveTables();
        GroundControl groundControl = GroundControlFactory.create("simulator", null, null, Clock.systemUTC());
        LiveTimeline timeline = new LiveTimeline(System.nanoTime() + run.liveWarmup().toNanos());
        long slots = Math.max(1, run.liveDuration().toMillis() / PollOptions.DEFAULT.interval().toMillis());
        try (KafkaTelemetryPublisher publisher = Stages.livePublisher(run.bootstrapServers(), kafka);
             KafkaTelemetryFeed feed = Stages.bronzeFeed(run.bootstrapServers(), kafka, Stages.BRONZE_GROUP)) {
            PollingService poller = new PollingService(groundControl, publisher, SlotClock.SYSTEM, Clock.systemUTC(),
                    PollOptions.DEFAULT, timeline::polled);
            IngestService ingester = Stages.ingester(feed, tables, IngestOptions.DEFAULT);
            RefineService refiner = Stages.refiner(tables, RefineOptions.DEFAULT, timeline::windowCommitted);
            StageThreads stages = new StageThreads();
            stages.start("poll", () -> poller.run(slots));
            stages.start("bronze", () -> ingester.run(false));
            stages.start("gold", () -> refiner.run(false));

            while (stages.running("poll")) {
                watch(timeline, ingester);
            }
            // the last observations become visible through the normal latency-driven commit, not a forced one
            long deadline = System.nanoTime() + 3 * IngestOptions.DEFAULT.maxLatency().toNanos();
            while (timeline.visibleCount() < timeline.polledCount() && System.nanoTime() < deadline) {
                watch(timeline, ingester);
            }
            ingester.drain();
            boolean drained = stages.joinOrStop("bronze", 60, ingester::stop, 10);
            timeline.bronzeHolds(ingester.progress().rows(), System.nanoTime());
            refiner.drain();
            drained &= stages.joinOrStop("gold", 60, refiner::stop, 10);
            if (stages.failure() != null) {
                throw new IllegalStateException("live phase: a stage failed: " + stages.failure(), stages.failure());
            }
            if (!drained) { // its figures would count only part of what was polled
                throw new IllegalStateException("live phase: bronze or gold did not drain within 60 s, and was stopped");
            }
            PollStatistics polls = poller.statistics();
            Latencies toBronze = timeline.toBronze();
            Latencies toWindow = timeline.toWindow();
            return List.of(
                    new Metric("polled", timeline.polledCount(), ""),
                    new Metric("skipped slots", polls.skipped(), ""),
                    new Metric("in bronze", ingester.progress().rows(), ""),
                    new Metric("bronze commits", ingester.progress().commits(), ""),
                    new Metric("poll-to-bronze samples", toBronze.count(), ""),
                    new Metric("poll-to-bronze p50", toBronze.percentileMillis(50), "ms"),
                    new Metric("poll-to-bronze p99", toBronze.percentileMillis(99), "ms"),
                    new Metric("poll-to-bronze max", toBronze.percentileMillis(100), "ms"),
                    new Metric("windows", timeline.windows(), ""),
                    new Metric("poll-to-window samples", toWindow.count(), ""),
                    new Metric("poll-to-window p50", toWindow.percentileMillis(50), "ms"),
                    new Metric("poll-to-window p99", toWindow.percentileMillis(99), "ms"));
        }
    }

    private static void watch(LiveTimeline timeline, IngestService ingester) throws InterruptedException {
        timeline.bronzeHolds(ingester.progress().rows(), System.nanoTime());
        Thread.sleep(WATCH_MILLIS);
    }
}
