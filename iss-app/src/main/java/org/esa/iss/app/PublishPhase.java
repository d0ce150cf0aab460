package org.esa.iss.app;

import java.time.Clock;
import java.util.List;
import org.esa.iss.adapter.http.IssSimulator;
import org.esa.iss.adapter.kafka.KafkaTelemetryPublisher;
import org.esa.iss.adapter.kafka.PublisherOptions;

/** Publishes the backlog exactly as {@code iss replay} does: simulator positions, replay producer preset. */
final class PublishPhase implements BenchPhase {
    @Override
    public String name() {
        return "publish";
    }

    @Override
    public List<Metric> run(BenchRun run) throws InterruptedException {
        KafkaConnection kafka = run.backlogTopic();
        Stages.ensureTopic(run.bootstrapServers(), kafka);
        IssSimulator simulator = GroundControlFactory.simulatorFor(null, Clock.systemUTC());
        try (KafkaTelemetryPublisher publisher = new KafkaTelemetryPublisher(
                PublisherOptions.replay(run.bootstrapServers(), kafka.topic))) {
            long began = System.nanoTime();
            long failed = ReplayCommand.publishSimulated(publisher, simulator, BenchRun.BACKLOG_START, run.records(), 0, false);
            double seconds = (System.nanoTime() - began) / 1e9;
            return List.of(
                    new Metric("records", run.records(), ""),
                    new Metric("rate", run.records() / seconds, "msgs/s"),
                    new Metric("failed", failed, ""));
        }
    }
}
