package org.esa.iss.app;

import java.time.Clock;
import java.util.List;
import org.esa.iss.adapter.http.IssSimulator;
import org.esa.iss.adapter.kafka.KafkaTelemetryPublisher;
import org.esa.iss.adapter.kafka.PublisherOptions;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.domain.Units;

/**
 * Publishes the backlog exactly as {@code iss replay} does: simulator positions, replay producer preset.
 * Generating a position (SGP4 propagation and JSON formatting) happens on the publishing thread, so the
 * phase also times generation alone over a sample, to tell the simulator's share from Kafka's.
 */
final class PublishPhase implements BenchPhase {
    private static final int GENERATION_SAMPLE = 100_000;

    @Override
    public String name() {
        return "publish";
    }

    @Override
    public List<Metric> run(BenchRun run) throws InterruptedException {
        KafkaConnection kafka = run.backlogTopic();
        Stages.ensureTopic(run.bootstrapServers(), kafka);
        IssSimulator simulator = GroundControlFactory.simulatorFor(null, Clock.systemUTC());
        double generation = generationRate(simulator, (int) Math.min(GENERATION_SAMPLE, run.records()));
        try (KafkaTelemetryPublisher publisher = new KafkaTelemetryPublisher(
                PublisherOptions.replay(run.bootstrapServers(), kafka.topic))) {
            long began = System.nanoTime();
            long failed = ReplayCommand.publishSimulated(publisher, simulator, BenchRun.BACKLOG_START, run.records(), 0, false);
            double seconds = (System.nanoTime() - began) / 1e9;
            return List.of(
                    new Metric("records", run.records(), ""),
                    new Metric("rate", run.records() / seconds, "msgs/s"),
                    new Metric("failed", failed, ""),
                    new Metric("generation alone", generation, "msgs/s"));
        }
    }

    /** Positions per second the simulator produces as JSON, without publishing them. */
    private static double generationRate(IssSimulator simulator, int records) {
        long began = System.nanoTime();
        long bytes = 0;
        for (int i = 0; i < records; i++) {
            Telemetry telemetry = simulator.at(BenchRun.BACKLOG_START.getEpochSecond() + i, Units.KILOMETERS);
            bytes += TelemetryJson.format(telemetry).length;
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        return bytes == 0 ? 0 : records / seconds;
    }
}
