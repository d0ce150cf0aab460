package org.esa.iss.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.esa.iss.adapter.http.WhereTheIssAtOptions;
import org.esa.iss.domain.InvalidTelemetry;
import org.esa.iss.domain.Units;
import org.esa.iss.ports.PollOptions;
import org.esa.iss.ports.PollingService;
import org.esa.iss.ports.in.PollStatistics;
import org.esa.iss.ports.out.GroundControl;
import org.esa.iss.ports.out.SlotClock;
import org.esa.iss.ports.out.TelemetryPublisher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iss poll}: ground control to Kafka (or to standard output). */
@Command(name = "poll", mixinStandardHelpOptions = true,
        description = "Poll ground control on a fixed-rate schedule and publish every position to Kafka, or print it.")
final class PollCommand implements Callable<Integer> {
    @Mixin
    KafkaConnection kafka;

    @Mixin
    TopicCreation topicCreation;

    @Mixin
    SourceOptions source;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "500ms", converter = DurationConverter.class,
            description = "Slot length (default: ${DEFAULT-VALUE}, the original 2 Hz).")
    Duration interval;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "Stop after this many slots; 0 polls until Ctrl-C (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--output", paramLabel = "-",
            description = "'-' prints each record as a JSON line on stdout instead of publishing to Kafka.")
    String output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OptionChecks.atLeast(spec, "--interval", interval, PollOptions.MIN_INTERVAL);
        OptionChecks.atLeast(spec, "--count", count, 0);
        source.check();
        topicCreation.check();
        if (output != null && !"-".equals(output)) {
            throw OptionChecks.invalid(spec, "--output", "accepts only '-' (standard output)", "'" + output + "'");
        }
        if (output == null) {
            kafka.checkPublisherProperties(spec);
        }
        String servers = "-".equals(output) ? null : kafka.requireBootstrapServers(spec);
        Shutdown.Hook hook = Shutdown.onSignal(); // a signal while it starts ends it at once, status 0
        GroundControl groundControl = source.groundControl(Clock.systemUTC());
        TelemetryPublisher publisher;
        if (servers == null) {
            publisher = new StdoutTelemetryPublisher(System.out);
        } else {
            Stages.ensureTopic(servers, kafka, topicCreation.partitions);
            publisher = Stages.livePublisher(servers, kafka);
        }
        PollingService poller = new PollingService(groundControl, publisher, SlotClock.SYSTEM, Clock.systemUTC(),
                PollOptions.atInterval(interval), observation -> { });
        try (publisher) {
            hook.stopWith(poller::stop);
            if (servers != null) {
                Stages.resumeAfterTopic(poller, servers, kafka);
            }
            long waiting = poller.run(count).awaitingDelivery();
            if (waiting > 0) { // the poller stopped waiting for the broker: say why the close takes a while
                System.err.printf("poll: %d record(s) still wait for the broker; closing the publisher waits a little "
                        + "longer, then gives up on each one left and logs it%n", waiting);
            }
        }
        // Counted once the publisher is closed, which settles every record; printed before done, since a signal's
        // hook ends the process once released.
        PollStatistics stats = poller.statistics();
        System.err.printf("poll: %d slots, %d ok, %d failed, %d throttled, %d skipped, %d published, %d delivered%n",
                stats.slots(), stats.ok(), stats.failed(), stats.throttled(), stats.skipped(), stats.published(), stats.delivered());
        if (stats.undeliverable() > 0) {
            reportUndeliverable("poll", stats.undeliverable());
            Shutdown.doneWithFailure(hook);
            return 1;
        }
        Shutdown.done(hook);
        return 0;
    }

    /** Says, once the publisher is closed, that polled records are missing from the topic and what to do. */
    static void reportUndeliverable(String command, long records) {
        System.err.printf("%s: %d record(s) could not be delivered to Kafka and are not in the topic; each is logged "
                + "above with its JSON. Check that the brokers are reachable, then publish those records again "
                + "if they are needed.%n", command, records);
    }

    /** Where positions come from. */
    static final class SourceOptions {
        @Option(names = "--source", paramLabel = "SOURCE", defaultValue = "auto", converter = SourceName.class,
                description = "auto (live API if reachable at start, else simulator), api or simulator (default: ${DEFAULT-VALUE}).")
        String source;

        @Option(names = "--api-url", paramLabel = "URL", converter = ApiUrl.class,
                description = "Ground-control API root (default: https://api.wheretheiss.at).")
        URI apiUrl;

        @Option(names = "--tle", paramLabel = "FILE", description = "Two-line elements for the simulator (default: the bundled ISS set).")
        Path tle;

        @Option(names = "--units", paramLabel = "UNITS", defaultValue = "kilometers", converter = UnitsName.class,
                description = "kilometers or miles (default: ${DEFAULT-VALUE}).")
        Units units;

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        /** Refuses a {@code --tle} file the simulator could not use, if the simulator may be used. */
        void check() {
            if (!"api".equals(source)) {
                OptionChecks.elementSet(spec, "--tle", tle);
            }
        }

        GroundControl groundControl(Clock clock) {
            return GroundControlFactory.create(source, apiUrl, tle, clock, units);
        }
    }

    /** Rejects an unknown {@code --source} while the command line is read, before a broker or a table is touched. */
    static final class SourceName implements CommandLine.ITypeConverter<String> {
        private static final List<String> NAMES = List.of("auto", "api", "simulator");

        @Override
        public String convert(String value) {
            String name = value.trim().toLowerCase(Locale.ROOT);
            if (!NAMES.contains(name)) {
                throw new CommandLine.TypeConversionException("expected auto, api or simulator, got '" + value + "'");
            }
            return name;
        }
    }

    /** Refuses, while the command line is read, an API root the client could not ask ({@code localhost:8090}, say). */
    static final class ApiUrl implements CommandLine.ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                URI url = new URI(value.trim());
                if (WhereTheIssAtOptions.isBaseUrl(url)) {
                    return url;
                }
            } catch (URISyntaxException e) {
                // worded below, as any other address that cannot be the API's
            }
            throw new CommandLine.TypeConversionException("expected an absolute http(s) URL such as"
                    + " https://api.wheretheiss.at, got '" + value + "'");
        }
    }

    /** Reads {@code --units} in the API's spelling. */
    static final class UnitsName implements CommandLine.ITypeConverter<Units> {
        @Override
        public Units convert(String value) {
            try {
                return Units.fromApiName(value.trim().toLowerCase(Locale.ROOT));
            } catch (InvalidTelemetry e) {
                throw new CommandLine.TypeConversionException("expected kilometers or miles, got '" + value + "'");
            }
        }
    }
}
