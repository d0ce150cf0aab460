package org.esa.iss.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.esa.iss.domain.AggregatorState;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Fix;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.OrbitOptions;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.domain.Units;
import org.esa.iss.domain.Visibility;
import org.esa.iss.domain.WindowSpec;
import org.esa.iss.ports.AltitudeQueryService;
import org.esa.iss.ports.LiveTelemetryService;
import org.esa.iss.ports.in.CheckHealth;
import org.esa.iss.ports.memory.CrashSwitch;
import org.esa.iss.ports.memory.InMemoryAltitudeHistory;
import org.esa.iss.ports.memory.InMemoryGoldTable;
import org.esa.iss.ports.out.GoldCheckpoint;
import org.esa.iss.ports.out.Observation;

/** Test data and a running query API over in-memory gold, for the query API tests. */
final class QueryApiFixtures {
    /** 2024-04-25T08:11:48Z, the first of the real records. */
    static final Instant T0 = Instant.ofEpochSecond(1_714_032_708L);
    static final long ISS = 25544;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private QueryApiFixtures() {
    }

    static Telemetry telemetry(Instant at, double latitude, double longitude, double altitudeKm) {
        return new Telemetry(ISS, "iss", latitude, longitude, altitudeKm, 27_600, Visibility.DAYLIGHT, 4_500,
                at.getEpochSecond(), 2_460_425.84, 13.39, 56.53, Units.KILOMETERS);
    }

    static Observation observation(Telemetry telemetry, String source) {
        return new Observation(telemetry, TelemetryJson.format(telemetry), source, telemetry.eventTime());
    }

    /** A 5 s window starting {@code secondsAfterT0} after {@link #T0}. */
    static AltitudeWindow window(long secondsAfterT0, double maxKm, double minKm) {
        Instant start = T0.plusSeconds(secondsAfterT0);
        return new AltitudeWindow(ISS, start, start.plusSeconds(5), maxKm, start.plusSeconds(1), minKm, start.plusSeconds(3), 10);
    }

    static Fix fix(Instant at, double latitude, double longitude, double altitudeKm) {
        return new Fix(ISS, at.getEpochSecond() * 1_000_000L, latitude, longitude, altitudeKm);
    }

    /** One revolution of about 92.7 minutes starting {@code minutesAfterT0} after {@link #T0}. */
    static Orbit orbit(long minutesAfterT0, double apogeeKm, double perigeeKm) {
        Instant start = T0.plusSeconds(minutesAfterT0 * 60);
        Instant end = start.plusSeconds(5_562);
        return new Orbit(ISS, start, end, fix(start.plusSeconds(1_400), 51.2, 120.5, apogeeKm),
                fix(start.plusSeconds(4_200), -50.9, -60.25, perigeeKm), 11_100, 1, Duration.ofSeconds(12), 0.997);
    }

    static CheckHealth.HealthReport healthy() {
        return new CheckHealth.HealthReport(true, true, Map.of(
                "source", new CheckHealth.ComponentHealth(CheckHealth.Status.UP, "simulator, last poll 0.4 s ago"),
                "bronze", new CheckHealth.ComponentHealth(CheckHealth.Status.UP, "lag 3 records, last commit 1.2 s ago"),
                "gold", new CheckHealth.ComponentHealth(CheckHealth.Status.UP, "watermark 10 s behind")));
    }

    /** A query API over in-memory gold and a live service, with settable health and a fixed clock. */
    static final class RunningApi implements AutoCloseable {
        final InMemoryGoldTable<AltitudeWindow> windows = new InMemoryGoldTable<>("windows", CrashSwitch.NEVER);
        final InMemoryGoldTable<Orbit> orbits = new InMemoryGoldTable<>("orbits", CrashSwitch.NEVER);
        final LiveTelemetryService live = new LiveTelemetryService();
        final AtomicReference<CheckHealth.HealthReport> health = new AtomicReference<>(healthy());
        final QueryApiServer server;
        private long bronzeVersion;

        RunningApi(QueryApiOptions options, Instant now) throws IOException {
            server = QueryApiServer.start(options.withPort(0),
                    new AltitudeQueryService(new InMemoryAltitudeHistory(windows, orbits)), live, health::get,
                    () -> "# TYPE iss_polls_total counter\niss_polls_total{outcome=\"ok\"} 42.0\n",
                    Clock.fixed(now, ZoneOffset.UTC));
        }

        RunningApi() throws IOException {
            this(QueryApiOptions.defaults(), T0.plusSeconds(600));
        }

        void commitWindows(AltitudeWindow... rows) {
            windows.commit(List.of(rows), new GoldCheckpoint(bronzeVersion++, AggregatorState.initial(WindowSpec.DEFAULT, OrbitOptions.DEFAULT)));
        }

        void commitOrbits(Orbit... rows) {
            orbits.commit(List.of(rows), new GoldCheckpoint(bronzeVersion++, AggregatorState.initial(WindowSpec.DEFAULT, OrbitOptions.DEFAULT)));
        }

        URI uri(String pathAndQuery) {
            return server.baseUri().resolve(pathAndQuery);
        }

        HttpResponse<String> get(String pathAndQuery) {
            return send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(5)).GET().build());
        }

        HttpResponse<String> send(HttpRequest request) {
            try {
                return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            server.close();
        }
    }

    static JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
