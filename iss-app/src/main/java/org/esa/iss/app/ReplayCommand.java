package org.esa.iss.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.esa.iss.adapter.http.IssSimulator;
import org.esa.iss.adapter.kafka.KafkaTelemetryPublisher;
import org.esa.iss.adapter.kafka.PublishCounts;
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
        description = "Publish N simulator-generated records (one per simulated second) as fast as possible or at a rate."
                + " Ctrl-C stops it and prints how to publish the rest.")
final class ReplayCommand implements Callable<Integer> {
    /**
     * After Ctrl-C or SIGTERM, how long the records already published may take to reach the broker before the
     * publisher's close (which waits its own timeout) fails and logs the rest: a stop ends within a minute even
     * while the broker is away.
     */
    private static final Duration STOP_FLUSH_LIMIT = Duration.ofSeconds(10);

    @Mixin
    KafkaConnection kafka;

    @Mixin
    TopicCreation topicCreation;

    @Option(names = "--records", paramLabel = "N", defaultValue = "1000000", description = "How many records (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--rate", paramLabel = "RATE", defaultValue = "max", description = "Records per second, or 'max' (default: ${DEFAULT-VALUE}).")
    String rate;

    @Option(names = "--start", paramLabel = "INSTANT", defaultValue = "2024-04-25T00:00:00Z", converter = QueryCommand.InstantOption.class,
            description = "Event time of the first record (default: ${DEFAULT-VALUE}, near the bundled TLE's epoch).")
    Instant start;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        OptionChecks.atLeast(spec, "--records", records, 1);
        topicCreation.check();
        kafka.checkPublisherProperties(spec);
        double perSecond;
        try {
            perSecond = parseRate(rate);
        } catch (IllegalArgumentException e) {
            throw OptionChecks.invalid(spec, "--rate", "must be a positive number of records per second or 'max'", "'" + rate + "'");
        }
        String servers = kafka.requireBootstrapServers(spec);
        Shutdown.Hook hook = Shutdown.onSignal(); // a signal while it starts ends it at once, status 0
        Stages.ensureTopic(servers, kafka, topicCreation.partitions);
        IssSimulator simulator = GroundControlFactory.simulatorFor(null, Clock.systemUTC());
        PublisherOptions options = PublisherOptions.replay(servers, kafka.topic).withClientProperties(kafka.clientProperties());
        CountDownLatch stop = new CountDownLatch(1);
        AtomicLong firstFailed = new AtomicLong(Long.MAX_VALUE);
        long began = System.nanoTime();
        long published;
        KafkaTelemetryPublisher publisher = new KafkaTelemetryPublisher(options);
        hook.stopWith(() -> {
            stop.countDown();
            publisher.stopWaitingForBroker(); // a publish held up by a broker that is away gives up in about a second
        });
        try (publisher) {
            published = publishSimulated(publisher, simulator, perSecond, stop, firstFailed);
            if (!awaitSettled(publisher, stop)) {
                System.err.printf("replay: records still wait for the broker %d s after the stop; closing the publisher"
                        + " waits up to %d s more, then logs each one it could not deliver%n", STOP_FLUSH_LIMIT.toSeconds(),
                        options.closeTimeout().toSeconds());
            }
        }
        PublishCounts counts = publisher.counts();
        report(published, counts, (System.nanoTime() - began) / 1e9, firstFailed.get());
        if (counts.failed() > 0) {
            Shutdown.doneWithFailure(hook);
            return 1;
        }
        Shutdown.done(hook);
        return 0;
    }

    /** The summary, and when not every record is in the topic, the options that publish the rest. */
    private void report(long published, PublishCounts counts, double seconds, long firstFailed) {
        if (published == records) {
            System.out.printf("replay: %,d records published in %.2f s (%,.0f msgs/s), %d failed%n", records, seconds,
                    records / seconds, counts.failed());
        } else {
            System.out.printf("replay: stopped after %,d of %,d records (%.2f s): %,d delivered, %d failed%n", published,
                    records, seconds, counts.delivered(), counts.failed());
        }
        // Without failures every position before `published` is in the topic, so the rest starts right after it.
        long resumeAt = counts.failed() == 0 ? published : Math.min(firstFailed, published);
        if (resumeAt < records) {
            System.out.printf("replay: to publish the remaining %,d, run it again with --start %s --records %d%n",
                    records - resumeAt, start.plusSeconds(resumeAt), records - resumeAt);
            if (counts.failed() > 0) {
                System.out.println("replay: (that starts at the first record that failed; any record after it that did"
                        + " reach Kafka will then be in the topic twice)");
            }
        }
        if (counts.failed() > 0) {
            System.err.printf("replay: %d record(s) could not be delivered to Kafka and are not in the topic; each is"
                    + " logged above with its JSON%n", counts.failed());
        }
    }

    /**
     * Waits until every record published is delivered or has failed; once a stop is asked for (before or while
     * waiting), at most {@link #STOP_FLUSH_LIMIT} more.
     *
     * @return whether every record is settled
     */
    private static boolean awaitSettled(KafkaTelemetryPublisher publisher, CountDownLatch stop) {
        while (stop.getCount() > 0) {
            if (publisher.flush(Duration.ofMillis(200))) {
                return true;
            }
        }
        return publisher.flush(STOP_FLUSH_LIMIT);
    }

    /**
     * Publishes up to {@code records} simulated positions one simulated second apart from {@code start}, at
     * {@code perSecond} (0 = as fast as the publisher takes them), printing progress to stderr every second, until
     * done or stopped.
     *
     * @param firstFailed lowered to the index of each record that fails, once it fails
     * @return how many positions were handed to the publisher: the first ones, in order
     */
    private long publishSimulated(KafkaTelemetryPublisher publisher, IssSimulator simulator, double perSecond,
                                  CountDownLatch stop, AtomicLong firstFailed) throws InterruptedException {
        long began = System.nanoTime();
        long lastReport = began;
        Instant fetchedAt = Instant.now();
        for (long i = 0; i < records; i++) {
            if (stop.getCount() == 0) {
                return i;
            }
            long index = i;
            publisher.publish(simulated(simulator, start, i, fetchedAt)).whenComplete((delivery, error) -> {
                if (error != null) {
                    firstFailed.accumulateAndGet(index, Math::min);
                }
            });
            if (perSecond > 0) {
                long wait = began + (long) (i / perSecond * 1e9) - System.nanoTime();
                if (wait > 0 && stop.await(wait, TimeUnit.NANOSECONDS)) {
                    return i + 1;
                }
            }
            long now = System.nanoTime();
            if (now - lastReport > 1_000_000_000L) {
                lastReport = now;
                System.err.printf("replay: %,d / %,d records (%.0f%%), %,.0f msgs/s%n", i + 1, records,
                        100.0 * (i + 1) / records, (i + 1) / ((now - began) / 1e9));
            }
        }
        return records;
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
