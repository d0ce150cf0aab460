package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.esa.iss.adapter.delta.DeltaGoldTable;
import org.esa.iss.adapter.delta.DeltaTableOptions;
import org.esa.iss.adapter.http.QueryApiOptions;
import org.esa.iss.adapter.http.QueryApiServer;
import org.esa.iss.domain.AggregatorState;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Fix;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.OrbitOptions;
import org.esa.iss.domain.WindowSpec;
import org.esa.iss.ports.LiveTelemetryService;
import org.esa.iss.ports.in.CheckHealth;
import org.esa.iss.ports.out.GoldCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code iss query}: its tables, and with {@code --json} the very bodies the query API serves over the same gold. */
class QueryCommandTest {
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void jsonIsWhatTheQueryApiServes() throws IOException, InterruptedException {
        writeGold();
        String data = dir.toString();
        CheckHealth healthy = () -> new CheckHealth.HealthReport(true, true, Map.of());
        try (QueryApiServer api = QueryApiServer.start(QueryApiOptions.defaults().withBindAddress("127.0.0.1").withPort(0),
                Stages.queries(new DataLayout(dir)), new LiveTelemetryService(), healthy, () -> "")) {
            assertThat(json(data, "max-altitude")).isEqualTo(get(api, "api/v1/altitude/max"));
            assertThat(json(data, "windows", "--from", "2024-05-01T00:00:10Z", "--to", "2024-05-01T00:00:40Z", "--limit", "4"))
                    .isEqualTo(get(api, "api/v1/altitude/windows?from=2024-05-01T00:00:10Z&to=2024-05-01T00:00:40Z&limit=4"))
                    .contains("\"start\":\"2024-05-01T00:00:35Z\"").doesNotContain("\"start\":\"2024-05-01T00:00:15Z\"");
            // the instants the API takes: unix seconds, an offset
            assertThat(json(data, "windows", "--from", "1714521610", "--to", "2024-05-01T02:00:40+02:00", "--limit", "4"))
                    .isEqualTo(get(api, "api/v1/altitude/windows?from=1714521610&to=2024-05-01T02:00:40%2B02:00&limit=4"))
                    .isEqualTo(get(api, "api/v1/altitude/windows?from=2024-05-01T00:00:10Z&to=2024-05-01T00:00:40Z&limit=4"));
            assertThat(json(data, "orbits", "--limit", "1")).isEqualTo(get(api, "api/v1/orbits?limit=1"))
                    .contains("\"apogee\":{");
        }
    }

    @Test
    void tablesHaveAHeaderAndARowEach() {
        writeGold();
        CommandRun windows = CommandRun.of(Map.of(), "query", "windows", "--limit", "3", "--data-dir", dir.toString());
        assertThat(windows.status()).isZero();
        assertThat(windows.out().lines()).hasSize(4).first().asString().startsWith("start");
        assertThat(windows.out().lines().skip(1)).allSatisfy(line -> assertThat(line).contains("2024-05-01T00:0"));

        CommandRun peak = CommandRun.of(Map.of(), "query", "max-altitude", "--data-dir", dir.toString());
        assertThat(peak.out()).startsWith("highest altitude: 419.000 km at 2024-05-01T00:00:46Z");
    }

    @Test
    void withNoGoldTablesEachQuerySaysWhichTableIsMissing() {
        Path nowhere = dir.resolve("not-the-data-dir");
        DataLayout layout = new DataLayout(nowhere);
        String check = ": `iss gold` (or `iss run`) writes it; or check --data-dir";

        CommandRun peak = CommandRun.of(Map.of(), "query", "max-altitude", "--data-dir", nowhere.toString());
        CommandRun windows = CommandRun.of(Map.of(), "query", "windows", "--data-dir", nowhere.toString());
        CommandRun orbits = CommandRun.of(Map.of(), "query", "orbits", "--json", "--data-dir", nowhere.toString());

        assertThat(peak.status()).isEqualTo(3);
        assertThat(peak.err()).contains("no gold table at " + Path.of(layout.windows()).toAbsolutePath() + check);
        assertThat(windows.status()).isZero();
        assertThat(windows.out().lines()).hasSize(1).first().asString().startsWith("start");
        assertThat(windows.err()).contains("no gold table at " + Path.of(layout.windows()).toAbsolutePath() + check);
        assertThat(orbits.status()).isZero();
        assertThat(orbits.out().strip()).isEqualTo("[]");
        assertThat(orbits.err()).contains("no gold table at " + Path.of(layout.orbits()).toAbsolutePath() + check);
    }

    @Test
    void aQuestionGoldHasNoAnswerForNamesTheTableItRead() {
        writeGold();
        CommandRun windows = CommandRun.of(Map.of(), "query", "windows", "--from", "2030-01-01T00:00:00Z", "--to",
                "2030-01-02T00:00:00Z", "--data-dir", dir.toString());

        assertThat(windows.status()).isZero();
        assertThat(windows.err()).contains("no windows from 2030-01-01T00:00:00Z to 2030-01-02T00:00:00Z in "
                + Path.of(new DataLayout(dir).windows()).toAbsolutePath());
    }

    @Test
    void anInstantNeitherTheApiNorTheCommandTakesIsAUsageErrorSayingWhatIs() {
        CommandRun windows = CommandRun.of(Map.of(), "query", "windows", "--from", "yesterday", "--data-dir", dir.toString());

        assertThat(windows.status()).isEqualTo(2);
        assertThat(windows.err()).contains("--from", "expected an ISO-8601 instant such as 2024-04-25T08:11:48Z or unix"
                + " seconds (whole seconds up to the year 9999, not milliseconds), got 'yesterday'");
    }

    /** Twelve 5 s windows rising to 419 km, then falling; two orbits. */
    private void writeGold() {
        DataLayout layout = new DataLayout(dir);
        AggregatorState state = AggregatorState.initial(WindowSpec.DEFAULT, OrbitOptions.DEFAULT);
        List<AltitudeWindow> windows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Instant start = T0.plusSeconds(5L * i);
            double max = 419 - Math.abs(i - 9) * 0.5;
            windows.add(new AltitudeWindow(25544, start, start.plusSeconds(5), max, start.plusSeconds(1), max - 0.25,
                    start.plusSeconds(4), 10));
        }
        DeltaGoldTable.altitudeWindows(layout.windows(), DeltaTableOptions.defaults())
                .commit(windows, new GoldCheckpoint(0, state));
        List<Orbit> orbits = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Instant start = T0.plusSeconds(5_560L * i);
            long micros = start.getEpochSecond() * 1_000_000L;
            orbits.add(new Orbit(25544, start, start.plusSeconds(5_560), new Fix(25544, micros + 900_000_000L, 50.5, 10.25, 422 + i),
                    new Fix(25544, micros + 3_700_000_000L, -50.5, -170.5, 413 + i), 11_120, 0, Duration.ofSeconds(1), 1.0));
        }
        DeltaGoldTable.orbits(layout.orbits(), DeltaTableOptions.defaults()).commit(orbits, new GoldCheckpoint(0, state));
    }

    private static String json(String data, String... query) {
        List<String> args = new ArrayList<>(List.of("query", "--json", "--data-dir", data));
        args.addAll(1, List.of(query));
        CommandRun run = CommandRun.of(Map.of(), args.toArray(String[]::new));
        assertThat(run.status()).as(run.err()).isZero();
        return run.out().strip();
    }

    private static String get(QueryApiServer api, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(api.baseUri().resolve(URI.create(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
