package org.esa.iss.app;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.esa.iss.adapter.http.IssSimulator;
import org.esa.iss.adapter.kafka.KafkaTelemetryPublisher;
import org.esa.iss.adapter.kafka.PublisherOptions;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.domain.Units;
import org.esa.iss.ports.out.Observation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code iss replay}: publish a backlog of simulated records, for tests and benchmarks. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Publish N simulator-generated records (one per simulated second) as fast as possible or at a rate.")
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    KafkaConnection kafka;

    @Mixin
    TopicCreation topicCreation;

    @Option(names = "--records", paramLabel = "N", defaultValue = "1000000", description = "How many records (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--rate", paramLabel = "RATE", defaultValue = "max", description = "Records per second, or 'max' (default: ${DEFAULT-VALUE}).")
    String rate;

    @Option(names = "--start", paramLabel = "INSTANT", defaultValue = "2024-04-25T00:00:00Z",
            description = "Event time of the first record (default: ${DEFAULT-VALUE}, near the bundled TLE's epoch).")
    Instant start;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        OptionChecks.atLeast(spec, "--records", records, 1);
        topicCreation.check();
        double perSecond;
        try {
            perSecond = parseRate(rate);
        } catch (IllegalArgumentException e) {
            throw OptionChecks.invalid(spec, "--rate", "must be a positive number of records per second or 'max'", "'" + rate + "'");
        }
        String servers = kafka.requireBootstrapServers();
        Stages.ensureTopic(servers, kafka, topicCreation.partitions);
        IssSimulator simulator = GroundControlFactory.simulatorFor(null, Clock.systemUTC());
        long began = System.nanoTime();
        long failed;
        try (KafkaTelemetryPublisher publisher = new KafkaTelemetryPublisher(
                PublisherOptions.replay(servers, kafka.topic).withClientProperties(kafka.properties))) {
            failed = publishSimulated(publisher, simulator, start, records, perSecond);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("replay: %,d records published in %.2f s (%,.0f msgs/s), %d failed%n", records, seconds, records / seconds, failed);
        return failed == 0 ? 0 : 1;
    }

    /**
     * Publishes {@code records} simulated positions one simulated second apart from {@code start}, at
     * {@code perSecond} (0 = as fast as the publisher takes them), and flushes, printing progress to stderr every second.
     *
     * @return how many records Kafka refused (the publisher counts them, and logs each)
     */
    private static long publishSimulated(KafkaTelemetryPublisher publisher, IssSimulator simulator, Instant start,
                                         long records, double perSecond) throws InterruptedException {
        long began = System.nanoTime();
        long lastReport = began;
        Instant fetchedAt = Instant.now();
        for (long i = 0; i < records; i++) {
            publisher.publish(simulated(simulator, start, i, fetchedAt));
            if (perSecond > 0) {
                long due = began + (long) (i / perSecond * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            long now = System.nanoTime();
            if (now - lastReport > 1_000_000_000L) {
                lastReport = now;
                System.err.printf("replay: %,d / %,d records (%.0f%%), %,.0f msgs/s%n", i + 1, records,
                        100.0 * (i + 1) / records, (i + 1) / ((now - began) / 1e9));
            }
        }
        publisher.flush();
        return publisher.counts().failed();
    }

    /** The simulator's position {@code second} seconds after {@code start}, as a replayed observation. */
    static Observation simulated(IssSimulator simulator, Instant start, long second, Instant fetchedAt) {
        Telemetry telemetry = simulator.at(start.getEpochSecond() + second, Units.KILOMETERS);
        return new Observation(telemetry, TelemetryJson.format(telemetry), "simulator", fetchedAt);
    }

    static double parseRate(String rate) {
        if (rate.equalsIgnoreCase("max")) {
            return 0;
        }
        try {
            double value = Double.parseDouble(rate);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--rate must be a positive number of records per second or 'max', got '" + rate + "'");
    }
}
