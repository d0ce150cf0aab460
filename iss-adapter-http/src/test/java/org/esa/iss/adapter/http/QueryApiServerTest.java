package org.esa.iss.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.esa.iss.adapter.http.QueryApiFixtures.T0;
import static org.esa.iss.adapter.http.QueryApiFixtures.observation;
import static org.esa.iss.adapter.http.QueryApiFixtures.orbit;
import static org.esa.iss.adapter.http.QueryApiFixtures.parse;
import static org.esa.iss.adapter.http.QueryApiFixtures.telemetry;
import static org.esa.iss.adapter.http.QueryApiFixtures.window;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.esa.iss.adapter.http.QueryApiFixtures.RunningApi;
import org.esa.iss.ports.in.CheckHealth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The query API's JSON endpoints over loopback HTTP, against in-memory gold. */
class QueryApiServerTest {
    private static RunningApi api;

    @BeforeAll
    static void start() throws Exception {
        api = new RunningApi();
        api.commitWindows(window(0, 420.10, 420.05), window(5, 420.30, 420.12), window(10, 420.20, 420.15));
        api.commitWindows(window(15, 420.25, 420.21), window(20, 420.28, 420.26));
        api.commitOrbits(orbit(0, 423.5, 417.25), orbit(93, 423.75, 417.5));
        api.live.observed(observation(telemetry(T0.plusSeconds(30), 12.5, -45.25, 420.27), "simulator"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void bindsTheLoopbackInterfaceOnAFreePortByDefault() {
        assertThat(QueryApiOptions.defaults().bindAddress()).isEqualTo("127.0.0.1");
        assertThat(api.server.port()).isPositive();
        assertThat(api.server.baseUri().toString()).isEqualTo("http://127.0.0.1:" + api.server.port() + "/");
    }

    @Test
    void latestFixHasEveryApiFieldAndItsEventTime() {
        HttpResponse<String> response = api.get("/api/v1/telemetry/latest");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        JsonNode fix = parse(response);
        assertThat(fieldNames(fix)).containsExactly("name", "id", "latitude", "longitude", "altitude", "velocity",
                "visibility", "footprint", "timestamp", "daynum", "solar_lat", "solar_lon", "units", "altitude_km",
                "event_time");
        assertThat(fix.get("id").asLong()).isEqualTo(25544);
        assertThat(fix.get("latitude").isNumber()).isTrue();
        assertThat(fix.get("altitude_km").asDouble()).isEqualTo(420.27);
        assertThat(fix.get("timestamp").asLong()).isEqualTo(T0.getEpochSecond() + 30);
        assertThat(fix.get("event_time").asText()).isEqualTo("2024-04-25T08:12:18Z");
    }

    @Test
    void latestFixIsNotFoundBeforeTheFirstFix() throws Exception {
        try (RunningApi empty = new RunningApi()) {
            HttpResponse<String> response = empty.get("/api/v1/telemetry/latest");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(parse(response).get("error").asText()).isEqualTo("no telemetry yet");
        }
    }

    @Test
    void highestAltitudeIsTheHighestWindowMaximumInGold() {
        HttpResponse<String> response = api.get("/api/v1/altitude/max");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode peak = parse(response);
        assertThat(fieldNames(peak)).containsExactly("satellite_id", "altitude_km", "at");
        assertThat(peak.get("satellite_id").asLong()).isEqualTo(25544);
        assertThat(peak.get("altitude_km").asDouble()).isEqualTo(420.30);
        assertThat(peak.get("at").asText()).isEqualTo("2024-04-25T08:11:54Z");
    }

    @Test
    void highestAltitudeIsNotFoundWhileGoldIsEmpty() throws Exception {
        try (RunningApi empty = new RunningApi()) {
            HttpResponse<String> response = empty.get("/api/v1/altitude/max");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(parse(response).get("error").asText()).contains("gold");
        }
    }

    @Test
    void windowsDefaultToTheLastHourNewestFirst() {
        HttpResponse<String> response = api.get("/api/v1/altitude/windows");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode windows = parse(response);
        assertThat(windows.isArray()).isTrue();
        assertThat(windows).hasSize(5);
        JsonNode newest = windows.get(0);
        assertThat(fieldNames(newest)).containsExactly("satellite_id", "start", "end", "max_altitude_km", "max_at",
                "min_altitude_km", "min_at", "samples");
        assertThat(newest.get("start").asText()).isEqualTo("2024-04-25T08:12:08Z");
        assertThat(newest.get("end").asText()).isEqualTo("2024-04-25T08:12:13Z");
        assertThat(newest.get("max_altitude_km").asDouble()).isEqualTo(420.28);
        assertThat(newest.get("min_altitude_km").asDouble()).isEqualTo(420.26);
        assertThat(newest.get("samples").asLong()).isEqualTo(10);
        assertThat(windows.get(4).get("start").asText()).isEqualTo("2024-04-25T08:11:48Z");
    }

    @Test
    void windowsTakeIsoInstantsOrUnixSecondsAndALimit() {
        long t0 = T0.getEpochSecond();
        JsonNode bySeconds = parse(api.get("/api/v1/altitude/windows?from=" + (t0 + 5) + "&to=" + (t0 + 15)));
        JsonNode byIso = parse(api.get("/api/v1/altitude/windows?from=2024-04-25T08:11:53Z&to=2024-04-25T08:12:03Z"));
        JsonNode byOffset = parse(api.get("/api/v1/altitude/windows?from=2024-04-25T10:11:53%2B02:00&to=" + (t0 + 15)));
        JsonNode limited = parse(api.get("/api/v1/altitude/windows?limit=2"));

        assertThat(starts(bySeconds)).containsExactly("2024-04-25T08:11:58Z", "2024-04-25T08:11:53Z");
        assertThat(byIso).isEqualTo(bySeconds);
        assertThat(byOffset).isEqualTo(bySeconds);
        assertThat(starts(limited)).containsExactly("2024-04-25T08:12:08Z", "2024-04-25T08:12:03Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/api/v1/altitude/windows?limit=abc",
        "/api/v1/altitude/windows?limit=0",
        "/api/v1/altitude/windows?limit=-3",
        "/api/v1/altitude/windows?limit=10001",
        "/api/v1/altitude/windows?from=1714032800&to=1714032700",
        "/api/v1/altitude/windows?from=2024-04-25T08:12:00Z&to=2024-04-25T08:12:00Z",
        "/api/v1/altitude/windows?from=yesterday",
        "/api/v1/altitude/windows?to=2024-13-45T00:00:00Z",
        "/api/v1/altitude/windows?limit=1&limit=2",
        "/api/v1/orbits?limit=abc",
        "/api/v1/orbits?limit=0",
        "/api/v1/orbits?limt=5",
        "/api/v1/altitude/windows?start=1714032700",
        "/api/v1/altitude/windows?to=1714032708000",
        "/api/v1/altitude/max?limit=3",
    })
    void badParametersAreRejectedWithAReason(String pathAndQuery) {
        HttpResponse<String> response = api.get(pathAndQuery);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = parse(response);
        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(error.get("error").asText()).matches(".*(limit|from|to|parameter).*");
    }

    @Test
    void badParameterReasonsSayWhatWouldBeAccepted() {
        assertThat(parse(api.get("/api/v1/altitude/windows?limit=abc")).get("error").asText())
                .isEqualTo("limit must be an integer from 1 to 10000, got 'abc'");
        assertThat(parse(api.get("/api/v1/altitude/windows?from=1714032800&to=1714032700")).get("error").asText())
                .isEqualTo("from (2024-04-25T08:13:20Z) must be before to (2024-04-25T08:11:40Z)");
        assertThat(parse(api.get("/api/v1/altitude/windows?from=yesterday")).get("error").asText())
                .contains("ISO-8601", "unix seconds", "'yesterday'");
        assertThat(parse(api.get("/api/v1/altitude/windows?start=1714032700&limit=5")).get("error").asText())
                .isEqualTo("/api/v1/altitude/windows takes only from, limit, to, got 'start'");
        assertThat(parse(api.get("/api/v1/altitude/windows?to=1714032708000")).get("error").asText())
                .as("JavaScript's Date.now() is milliseconds").contains("not milliseconds", "'1714032708000'");
        assertThat(parse(api.get("/api/v1/altitude/max?units=miles")).get("error").asText())
                .isEqualTo("/api/v1/altitude/max takes no parameters, got 'units'");
    }

    @Test
    void orbitsHaveApogeePerigeePeriodAndCoverageNewestFirst() {
        HttpResponse<String> response = api.get("/api/v1/orbits?limit=1");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode orbits = parse(response);
        assertThat(orbits).hasSize(1);
        JsonNode orbit = orbits.get(0);
        assertThat(fieldNames(orbit)).containsExactly("satellite_id", "start", "end", "period_s", "apogee", "perigee",
                "samples", "gaps", "longest_gap_s", "coverage");
        assertThat(orbit.get("start").asText()).isEqualTo(T0.plusSeconds(93 * 60).toString());
        assertThat(orbit.get("period_s").asDouble()).isEqualTo(5562.0);
        assertThat(fieldNames(orbit.get("apogee"))).containsExactly("altitude_km", "at", "latitude", "longitude");
        assertThat(orbit.get("apogee").get("altitude_km").asDouble()).isEqualTo(423.75);
        assertThat(orbit.get("perigee").get("longitude").asDouble()).isEqualTo(-60.25);
        assertThat(orbit.get("gaps").asInt()).isEqualTo(1);
        assertThat(orbit.get("longest_gap_s").asDouble()).isEqualTo(12.0);
        assertThat(orbit.get("coverage").asDouble()).isEqualTo(0.997);
        assertThat(parse(api.get("/api/v1/orbits"))).hasSize(2);
    }

    @Test
    void healthIsOkWhenReadyAndListsEveryComponent() {
        HttpResponse<String> response = api.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = parse(response);
        assertThat(health.get("live").asBoolean()).isTrue();
        assertThat(health.get("ready").asBoolean()).isTrue();
        assertThat(fieldNames(health.get("components"))).containsExactly("bronze", "gold", "source");
        assertThat(health.get("components").get("bronze").get("status").asText()).isEqualTo("UP");
        assertThat(health.get("components").get("bronze").get("detail").asText()).isEqualTo("lag 3 records, last commit 1.2 s ago");
    }

    @Test
    void healthIsUnavailableWhenAComponentIsDown() throws Exception {
        try (RunningApi down = new RunningApi()) {
            down.health.set(new CheckHealth.HealthReport(true, false, Map.of(
                    "broker", new CheckHealth.ComponentHealth(CheckHealth.Status.DOWN, "no broker at 127.0.0.1:9092 \"refused\""),
                    "source", new CheckHealth.ComponentHealth(CheckHealth.Status.DEGRADED, "api throttled\nretrying"))));

            HttpResponse<String> response = down.get("/health");

            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode health = parse(response);
            assertThat(health.get("ready").asBoolean()).isFalse();
            assertThat(health.get("components").get("broker").get("status").asText()).isEqualTo("DOWN");
            assertThat(health.get("components").get("broker").get("detail").asText()).isEqualTo("no broker at 127.0.0.1:9092 \"refused\"");
            assertThat(health.get("components").get("source").get("detail").asText()).isEqualTo("api throttled\nretrying");
        }
    }

    @Test
    void metricsAreServedAsPrometheusText() {
        HttpResponse<String> response = api.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).contains("iss_polls_total{outcome=\"ok\"} 42.0");
    }

    @Test
    void unknownPathsAreNotFoundAsJson() {
        for (String path : List.of("/api/v1/nothing", "/api/v2/orbits", "/assets/../index.html", "/assets/secret.properties")) {
            HttpResponse<String> response = api.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
            assertThat(parse(response).get("error").asText()).startsWith("no such resource");
        }
    }

    @Test
    void nothingCanBeWritten() {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            HttpResponse<String> response = api.send(HttpRequest.newBuilder(api.uri("/api/v1/altitude/windows"))
                    .method(method, HttpRequest.BodyPublishers.ofString("{\"max\":999}")).build());
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD");
            assertThat(parse(response).get("error").asText()).contains("read-only");
        }
        assertThat(api.windows.rows()).hasSize(5);
    }

    @Test
    void everyResponseForbidsContentSniffingAndApiAnswersAreNotCached() {
        for (String path : List.of("/", "/assets/app.js", "/api/v1/altitude/max", "/health", "/metrics", "/nope")) {
            HttpResponse<String> response = api.get(path);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
        }
        assertThat(api.get("/api/v1/altitude/max").headers().firstValue("Cache-Control")).contains("no-store");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> starts(JsonNode windows) {
        List<String> starts = new ArrayList<>();
        windows.forEach(w -> starts.add(w.get("start").asText()));
        return starts;
    }
}
