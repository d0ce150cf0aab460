package org.esa.iss.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.domain.Units;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator's HTTP API: paths, JSON shapes and status codes as the real API has them. */
class SimulatorServerTest {
    private static final long T0 = 1714032708;
    private static final IssSimulator SIMULATOR = new IssSimulator(RealIssRecords.ISS_2024_04_25,
            Clock.fixed(Instant.ofEpochSecond(T0), ZoneOffset.UTC));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SimulatorServer server;

    @BeforeAll
    static void start() throws IOException {
        server = SimulatorServer.start(SIMULATOR, 0, SimulatorFaults.none());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void bindsLoopbackOnAFreePort() {
        assertThat(server.port()).isPositive();
        assertThat(server.baseUri().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void satelliteListNamesOnlyTheIss() throws Exception {
        HttpResponse<String> response = get("/v1/satellites");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[{\"name\":\"iss\",\"id\":25544}]");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void positionNowAndAtATimestampAreTheSimulatorsRecords() throws Exception {
        assertThat(parse(get("/v1/satellites/25544"))).isEqualTo(SIMULATOR.at(T0, Units.KILOMETERS));
        assertThat(parse(get("/v1/satellites/25544?timestamp=1714040000&units=miles")))
                .isEqualTo(SIMULATOR.at(1714040000, Units.MILES));
    }

    @Test
    void positionsAreAnArrayInRequestOrder() throws Exception {
        HttpResponse<String> response = get("/v1/satellites/25544/positions?timestamps=1714032711,1714032708&units=kilometers");
        assertThat(response.statusCode()).isEqualTo(200);
        var ranges = JsonArrays.objectRanges(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(ranges).hasSize(2);
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        assertThat(TelemetryJson.parse(body, ranges.get(0)[0], ranges.get(0)[1]).timestamp()).isEqualTo(1714032711);
        assertThat(TelemetryJson.parse(body, ranges.get(1)[0], ranges.get(1)[1]).timestamp()).isEqualTo(1714032708);
    }

    @Test
    void elevenTimestampsAreABadRequest() throws Exception {
        assertError(get("/v1/satellites/25544/positions?timestamps=1,2,3,4,5,6,7,8,9,10,11"), 400, "at most 10");
    }

    @Test
    void missingOrMalformedParametersAreBadRequests() throws Exception {
        assertError(get("/v1/satellites/25544/positions"), 400, "timestamps");
        assertError(get("/v1/satellites/25544/positions?timestamps=1714032708,soon"), 400, "soon");
        assertError(get("/v1/satellites/25544?units=furlongs"), 400, "furlongs");
        assertError(get("/v1/satellites/25544?timestamp=-5"), 400, "timestamp");
        assertError(get("/v1/satellites/25544/tles?format=xml"), 400, "xml");
    }

    @Test
    void unknownSatellitesAndPathsAreNotFound() throws Exception {
        assertError(get("/v1/satellites/12345"), 404, "satellite not found");
        assertError(get("/v1/satellites/iss"), 404, "satellite not found");
        assertError(get("/v1/planets"), 404, "not found");
        assertError(get("/v1/satellites/25544/orbit"), 404, "not found");
    }

    @Test
    void elementSetIsServedAsJsonAndAsText() throws Exception {
        HttpResponse<String> json = get("/v1/satellites/25544/tles");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("\"id\":\"25544\"", "\"name\":\"iss\"", "\"header\":\"ISS (ZARYA)\"",
                "\"line1\":\"" + RealIssRecords.ISS_2024_04_25.line1() + "\"", "\"tle_timestamp\":1714069357",
                "\"requested_timestamp\":" + T0);
        HttpResponse<String> text = get("/v1/satellites/25544/tles?format=text");
        assertThat(text.headers().firstValue("Content-Type")).contains("text/plain");
        assertThat(TwoLineElements.parse(text.body())).isEqualTo(RealIssRecords.ISS_2024_04_25);
    }

    private static Telemetry parse(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return TelemetryJson.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private static void assertError(HttpResponse<String> response, int status, String text) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).startsWith("{\"error\":\"").contains(text).endsWith(",\"status\":" + status + "}");
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUri() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
