package org.esa.iss.app;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.esa.iss.adapter.http.IssSimulator;
import org.esa.iss.adapter.kafka.KafkaTelemetryPublisher;
import org.esa.iss.adapter.kafka.PublisherOptions;
import org.esa.iss.ports.out.Observation;

/**
 * Publishes the backlog with the replay producer preset and times the publisher alone: the simulator generates
 * each slice of positions (SGP4 propagation and JSON formatting, timed separately as "generation alone") before
 * the slice is published and flushed, so the rate is Kafka's and the publisher's, not the simulator's.
 */
final class PublishPhase implements BenchPhase {
    /**
     * Positions generated ahead of publishing: enough that the flush closing each slice costs little (one drain
     * of the producer per 25,000 records), few enough (~14 MB) that young collections do not copy and promote
     * them over and over (100,000, ~55 MB, fill the old generation and cost a full collection per run).
     */
    private static final int SLICE = 25_000;

    @Override
    public String name() {
        return "publish";
    }

    @Override
    public void prepare(BenchRun run) {
        Stages.ensureTopic(run.bootstrapServers(), run.backlogTopic(), run.partitions());
    }

    @Override
    public List<Metric> run(BenchRun run) throws InterruptedException {
        KafkaConnection kafka = run.backlogTopic();
        IssSimulator simulator = GroundControlFactory.simulatorFor(null, Clock.systemUTC());
        long generatingNanos = 0;
        long publishingNanos = 0;
        long failed;
        Instant fetchedAt = Instant.now();
        try (KafkaTelemetryPublisher publisher = new KafkaTelemetryPublisher(
                PublisherOptions.replay(run.bootstrapServers(), kafka.topic))) {
            for (long first = 0; first < run.records(); first += SLICE) {
                long began = System.nanoTime();
                List<Observation> slice = generate(simulator, first, (int) Math.min(SLICE, run.records() - first), fetchedAt);
                long generated = System.nanoTime();
                // The publisher counts failures itself; no per-record callback here, which would add to what is timed.
                for (Observation observation : slice) {
                    publisher.publish(observation);
                }
                publisher.flush();
                generatingNanos += generated - began;
                publishingNanos += System.nanoTime() - generated;
            }
            failed = publisher.counts().failed();
        }
        return List.of(
                new Metric("records", run.records(), ""),
                new Metric("rate", run.records() / (publishingNanos / 1e9), "msgs/s"),
                new Metric("failed", failed, ""),
                new Metric("generation alone", run.records() / (generatingNanos / 1e9), "msgs/s"));
    }

    /** Positions one simulated second apart, as {@code iss replay} generates them. */
    private static List<Observation> generate(IssSimulator simulator, long first, int count, Instant fetchedAt) {
        List<Observation> slice = new ArrayList<>(count);
        for (long i = first; i < first + count; i++) {
            slice.add(ReplayCommand.simulated(simulator, BenchRun.BACKLOG_START, i, fetchedAt));
        }
        return slice;
    }
}
