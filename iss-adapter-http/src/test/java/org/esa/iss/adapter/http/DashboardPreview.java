package org.esa.iss.adapter.http;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.esa.iss.domain.AggregationSink;
import org.esa.iss.domain.AltitudeAggregator;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.OrbitOptions;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.Units;
import org.esa.iss.domain.WindowSpec;
import org.esa.iss.ports.AltitudeQueryService;
import org.esa.iss.ports.LiveTelemetryService;
import org.esa.iss.ports.in.CheckHealth;
import org.esa.iss.ports.in.CheckHealth.ComponentHealth;
import org.esa.iss.ports.in.CheckHealth.Status;
import org.esa.iss.ports.memory.CrashSwitch;
import org.esa.iss.ports.memory.InMemoryAltitudeHistory;
import org.esa.iss.ports.memory.InMemoryGoldTable;
import org.esa.iss.ports.out.GoldCheckpoint;

/**
 * Serves the dashboard over simulated data, for looking at it in a browser without the pipeline: three hours of
 * SGP4 fixes (one a second, ending now) refined into gold by the domain aggregator, then a live fix every second and a
 * window whenever one closes.
 *
 * <p>Run: {@code java -cp <test classpath> org.esa.iss.adapter.http.DashboardPreview [port]}.
 */
public final class DashboardPreview {
    private DashboardPreview() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Clock clock = Clock.systemUTC();
        IssSimulator simulator = IssSimulator.wrappingStaleTimes(TwoLineElements.bundledIss(), clock, Duration.ofDays(30));
        InMemoryGoldTable<AltitudeWindow> windows = new InMemoryGoldTable<>("windows", CrashSwitch.NEVER);
        InMemoryGoldTable<Orbit> orbits = new InMemoryGoldTable<>("orbits", CrashSwitch.NEVER);
        LiveTelemetryService live = new LiveTelemetryService();
        AltitudeAggregator aggregator = new AltitudeAggregator(WindowSpec.DEFAULT, OrbitOptions.DEFAULT);
        List<AltitudeWindow> newWindows = new ArrayList<>();
        List<Orbit> newOrbits = new ArrayList<>();
        AggregationSink sink = AggregationSink.of(newWindows::add, newOrbits::add);

        CheckHealth health = () -> new CheckHealth.HealthReport(true, true, Map.of(
                "source", new ComponentHealth(Status.UP, "simulator (offline SGP4, bundled TLE); last poll 0.3 s ago"),
                "broker", new ComponentHealth(Status.UP, "embedded KRaft at 127.0.0.1:9092; consumer lag 0"),
                "bronze", new ComponentHealth(Status.UP, "lag 1 record; last commit 0.9 s ago (version 5412)"),
                "gold", new ComponentHealth(Status.UP, "lag 1 bronze version; last commit 4.6 s ago; watermark 10 s"),
                "quarantine", new ComponentHealth(Status.UP, "3 records quarantined")));

        try (QueryApiServer server = QueryApiServer.start(QueryApiOptions.defaults().withPort(port),
                new AltitudeQueryService(new InMemoryAltitudeHistory(windows, orbits)), live, health,
                () -> "# TYPE iss_polls_total counter\niss_polls_total{outcome=\"ok\"} 21600.0\n", clock)) {
            // After the server is up, so that its stream keeps the recent fixes for replay, as it would live.
            long now = clock.instant().getEpochSecond();
            for (long t = now - 3 * 3600; t <= now; t++) {
                Telemetry fix = simulator.at(t, Units.KILOMETERS);
                aggregator.accept(fix.toFix(), sink);
                live.observed(QueryApiFixtures.observation(fix, "simulator"));
            }
            long version = 0;
            windows.commit(List.copyOf(newWindows), new GoldCheckpoint(version, aggregator.snapshot()));
            orbits.commit(List.copyOf(newOrbits), new GoldCheckpoint(version++, aggregator.snapshot()));
            newWindows.clear();
            newOrbits.clear();
            System.out.println("dashboard preview at " + server.baseUri() + " (" + windows.rows().size()
                    + " windows, " + orbits.rows().size() + " orbits in gold)");
            long next = now + 1;
            while (true) {
                Instant wake = Instant.ofEpochSecond(next);
                Thread.sleep(Math.max(0, Duration.between(clock.instant(), wake).toMillis()));
                Telemetry fix = simulator.at(next, Units.KILOMETERS);
                aggregator.accept(fix.toFix(), sink);
                live.observed(QueryApiFixtures.observation(fix, "simulator"));
                if (!newWindows.isEmpty() || !newOrbits.isEmpty()) {
                    windows.commit(List.copyOf(newWindows), new GoldCheckpoint(version, aggregator.snapshot()));
                    orbits.commit(List.copyOf(newOrbits), new GoldCheckpoint(version++, aggregator.snapshot()));
                    newWindows.forEach(live::windowCommitted);
                    newWindows.clear();
                    newOrbits.clear();
                }
                next++;
            }
        }
    }
}
