package org.esa.iss.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.esa.iss.adapter.http.AcceleratedClock;
import org.esa.iss.adapter.http.IssSimulator;
import org.esa.iss.adapter.http.SimulatorFaults;
import org.esa.iss.adapter.http.SimulatorServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code iss simulator}: serves the ground-control API from the offline SGP4 simulator on 127.0.0.1 until
 * interrupted, optionally faster than real time and with injected faults, e.g.
 * {@code iss simulator --port 8090 --speed 60 --fault-error-rate 0.1 --fault-throttle-per-second 1}.
 */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = "Serve the ground-control API (/v1/satellites/25544 ...) from an offline SGP4 simulator on 127.0.0.1.")
public final class SimulatorCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8090",
            description = "Port on 127.0.0.1; 0 picks a free one. Default: ${DEFAULT-VALUE} (beside the query API's 8080).")
    int port;

    @Option(names = "--tle", paramLabel = "FILE",
            description = "Two-line element set (2 or 3 lines, as CelesTrak publishes). Default: the bundled ISS set, epoch 2024-04-25.")
    Path tle;

    @Option(names = "--speed", paramLabel = "FACTOR", defaultValue = "1",
            description = "Simulated seconds per real second, e.g. 60 replays an hour in a minute. Default: ${DEFAULT-VALUE}.")
    double speed;

    @Option(names = "--start", paramLabel = "INSTANT",
            description = "Simulated start time, ISO-8601 (e.g. 2024-04-25T08:11:48Z). Default: now.")
    String start;

    @Option(names = "--fault-latency-ms", paramLabel = "MS", defaultValue = "0", description = "Added latency per request, ms (default: ${DEFAULT-VALUE}).")
    long latencyMillis;

    @Option(names = "--fault-error-rate", paramLabel = "SHARE", defaultValue = "0", description = "Share of requests answered HTTP 500, 0-1 (default: ${DEFAULT-VALUE}).")
    double errorRate;

    @Option(names = "--fault-throttle-per-second", paramLabel = "N", defaultValue = "0",
            description = "Requests per second before HTTP 429 (the real API allows about 1); 0 = no limit (default: ${DEFAULT-VALUE}).")
    int throttlePerSecond;

    @Option(names = "--fault-retry-after-s", paramLabel = "SECONDS", defaultValue = "1", description = "Retry-After sent with a 429, seconds; 0 = none (default: ${DEFAULT-VALUE}).")
    long retryAfterSeconds;

    @Option(names = "--fault-malformed-rate", paramLabel = "SHARE", defaultValue = "0", description = "Share of requests answered with a truncated body, 0-1 (default: ${DEFAULT-VALUE}).")
    double malformedRate;

    @Option(names = "--fault-drop-rate", paramLabel = "SHARE", defaultValue = "0", description = "Share of connections closed without a response, 0-1 (default: ${DEFAULT-VALUE}).")
    double dropRate;

    @Option(names = "--fault-hang-rate", paramLabel = "SHARE", defaultValue = "0", description = "Share of requests left unanswered for 30 s, 0-1 (default: ${DEFAULT-VALUE}).")
    double hangRate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the fault draws, for reproducible runs (default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OptionChecks.port(spec, "--port", port);
        OptionChecks.elementSet(spec, "--tle", tle);
        OptionChecks.atLeast(spec, "--fault-latency-ms", latencyMillis, 0);
        OptionChecks.atLeast(spec, "--fault-throttle-per-second", throttlePerSecond, 0);
        OptionChecks.atLeast(spec, "--fault-retry-after-s", retryAfterSeconds, 0);
        OptionChecks.fraction(spec, "--fault-error-rate", errorRate);
        OptionChecks.fraction(spec, "--fault-malformed-rate", malformedRate);
        OptionChecks.fraction(spec, "--fault-drop-rate", dropRate);
        OptionChecks.fraction(spec, "--fault-hang-rate", hangRate);
        if (!(speed > 0)) {
            throw OptionChecks.invalid(spec, "--speed", "must be above 0", speed);
        }
        SimulatorFaults faults;
        Clock clock;
        try {
            faults = new SimulatorFaults(Duration.ofMillis(latencyMillis), errorRate, throttlePerSecond,
                    Duration.ofSeconds(retryAfterSeconds), malformedRate, dropRate, hangRate, Duration.ofSeconds(30), seed);
        } catch (IllegalArgumentException e) { // what no single option breaks: the rates summing to more than 1
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try {
            clock = clock();
        } catch (DateTimeParseException e) {
            throw OptionChecks.invalid(spec, "--start", "must be an ISO-8601 instant such as 2024-04-25T08:11:48Z", start);
        }
        IssSimulator simulator = GroundControlFactory.simulatorFor(tle, clock);
        SimulatorServer server;
        try {
            server = SimulatorServer.start(simulator, port, faults);
        } catch (java.net.BindException e) {
            throw new IllegalStateException("cannot listen on --port " + port + " (" + e.getMessage() + "): if it is in use,"
                    + " stop the other process or pass another --port (0 takes a free one)", e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Shutdown.Hook hook = Shutdown.onSignal(stopped::countDown, "iss simulator: stopping"); // status 0, not 143
        System.out.println("ISS simulator listening on " + server.baseUri() + "/v1/satellites/25544"
                + " (TLE epoch " + simulator.tle().epoch() + ", speed " + speed + "x"
                + (faults.equals(SimulatorFaults.none().withSeed(seed)) ? "" : ", faults " + faults) + "). Ctrl-C to stop.");
        stopped.await();
        server.close();
        Shutdown.done(hook);
        return 0;
    }

    private Clock clock() {
        if (speed == 1 && start == null) {
            return Clock.systemUTC();
        }
        return new AcceleratedClock(start == null ? Instant.now() : Instant.parse(start), speed);
    }
}
