package org.esa.iss.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.esa.iss.domain.Units;
import org.esa.iss.ports.PollOptions;
import org.esa.iss.ports.PollingService;
import org.esa.iss.ports.in.PollStatistics;
import org.esa.iss.ports.out.GroundControl;
import org.esa.iss.ports.out.SlotClock;
import org.esa.iss.ports.out.TelemetryPublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code iss poll}: ground control to Kafka (or to standard output). */
@Command(name = "poll", mixinStandardHelpOptions = true,
        description = "Poll ground control on a fixed-rate schedule and publish every position to Kafka, or print it.")
final class PollCommand implements Callable<Integer> {
    @Mixin
    KafkaConnection kafka;

    @Mixin
    SourceOptions source;

    @Option(names = "--interval", defaultValue = "500ms", converter = DurationConverter.class,
            description = "Slot length (default: ${DEFAULT-VALUE}, the original 2 Hz).")
    Duration interval;

    @Option(names = "--count", defaultValue = "0", description = "Stop after this many slots; 0 polls until Ctrl-C.")
    long count;

    @Option(names = "--output", paramLabel = "-",
            description = "'-' prints each record as a JSON line on stdout instead of publishing to Kafka.")
    String output;

    @Override
    public Integer call() throws Exception {
        GroundControl groundControl = source.groundControl(Clock.systemUTC());
        TelemetryPublisher publisher;
        if ("-".equals(output)) {
            publisher = new StdoutTelemetryPublisher(System.out);
        } else if (output != null) {
            throw new IllegalArgumentException("--output accepts only '-' (standard output), got '" + output + "'");
        } else {
            String servers = kafka.requireBootstrapServers();
            Stages.ensureTopic(servers, kafka);
            publisher = Stages.livePublisher(servers, kafka);
        }
        try (publisher) {
            PollingService poller = new PollingService(groundControl, publisher, SlotClock.SYSTEM, Clock.systemUTC(),
                    PollOptions.atInterval(interval), observation -> { });
            Shutdown.Hook hook = Shutdown.onSignal(poller::stop);
            PollStatistics stats = poller.run(count);
            Shutdown.done(hook);
            System.err.printf("poll: %d slots, %d ok, %d failed, %d throttled, %d skipped, %d published, %d delivered%n",
                    stats.slots(), stats.ok(), stats.failed(), stats.throttled(), stats.skipped(), stats.published(), stats.delivered());
        }
        return 0;
    }

    /** Where positions come from. */
    static final class SourceOptions {
        @Option(names = "--source", defaultValue = "auto",
                description = "auto (live API if reachable at start, else simulator), api or simulator (default: ${DEFAULT-VALUE}).")
        String source;

        @Option(names = "--api-url", paramLabel = "URL", description = "Ground-control API root (default: https://api.wheretheiss.at).")
        URI apiUrl;

        @Option(names = "--tle", paramLabel = "FILE", description = "Two-line elements for the simulator (default: the bundled ISS set).")
        Path tle;

        @Option(names = "--units", defaultValue = "kilometers", description = "kilometers or miles (default: ${DEFAULT-VALUE}).")
        String units;

        GroundControl groundControl(Clock clock) {
            return GroundControlFactory.create(source, apiUrl, tle, clock, Units.fromApiName(units));
        }
    }
}
