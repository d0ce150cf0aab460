package org.esa.iss.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicReference;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.domain.Visibility;
import org.esa.iss.ports.out.GroundControlFailure;
import org.esa.iss.ports.out.Observation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's reading of raw responses, served verbatim by a stub server: real records, bad bodies, headers. */
class ClientParsingTest {
    private final AtomicReference<Canned> canned = new AtomicReference<>();
    private HttpServer stub;
    private WhereTheIssAtGroundControl client;

    private record Canned(int status, byte[] body, String retryAfter) {
    }

    @BeforeEach
    void startStub() throws IOException {
        stub = HttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8); // the JDK server as the adapter configures it
        stub.createContext("/", exchange -> {
            Canned answer = canned.get();
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        });
        stub.start();
        client = new WhereTheIssAtGroundControl(WhereTheIssAtOptions.defaults()
                .withBaseUrl(URI.create("http://127.0.0.1:" + stub.getAddress().getPort())));
    }

    @AfterEach
    void stopStub() {
        stub.stop(0);
    }

    @Test
    void theThreeRealRecordsParseAndAreKeptByteForByte() throws Exception {
        for (int i = 0; i < 3; i++) {
            byte[] real = RealIssRecords.bytes(i);
            canned.set(new Canned(200, real, null));
            Observation observation = client.currentPosition(Instant.now().plusSeconds(5));
            assertThat(observation.json()).isEqualTo(real);
            assertThat(observation.telemetry()).isEqualTo(TelemetryJson.parse(real));
            assertThat(observation.source()).isEqualTo("api");
        }
        Telemetry first = TelemetryJson.parse(RealIssRecords.bytes(0));
        assertThat(first.latitude()).isEqualTo(-48.947826322504);
        assertThat(first.visibility()).isEqualTo(Visibility.DAYLIGHT);
        assertThat(first.timestamp()).isEqualTo(1714032708L);
    }

    @Test
    void missingFieldIsInvalidResponseNamingTheFieldAndQuotingTheBody() {
        canned.set(new Canned(200, RealIssRecords.LINES.get(0).replace("\"altitude\": 433.83561822897, ", "")
                .getBytes(StandardCharsets.UTF_8), null));
        assertThatThrownBy(() -> client.currentPosition(Instant.now().plusSeconds(5)))
                .isInstanceOf(GroundControlFailure.InvalidResponse.class)
                .hasMessageContaining("altitude")
                .hasMessageContaining("{\"name\": \"iss\"");
    }

    @Test
    void unknownUnitsAreInvalidResponse() {
        canned.set(new Canned(200, RealIssRecords.LINES.get(0).replace("kilometers", "furlongs")
                .getBytes(StandardCharsets.UTF_8), null));
        assertThatThrownBy(() -> client.currentPosition(Instant.now().plusSeconds(5)))
                .isInstanceOf(GroundControlFailure.InvalidResponse.class).hasMessageContaining("furlongs");
    }

    @Test
    void oversizedBodyIsRefused() {
        canned.set(new Canned(200, new byte[70 * 1024], null));
        assertThatThrownBy(() -> client.currentPosition(Instant.now().plusSeconds(5)))
                .isInstanceOf(GroundControlFailure.InvalidResponse.class).hasMessageContaining("larger than 65536");
    }

    @Test
    void retryAfterAsAnHttpDateBecomesADuration() {
        String inThreeSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3));
        canned.set(new Canned(429, "{\"error\":\"too many requests\",\"status\":429}".getBytes(StandardCharsets.UTF_8),
                inThreeSeconds));
        GroundControlFailure.RateLimited limited = catchThrowableOfType(
                () -> client.currentPosition(Instant.now().plusSeconds(5)), GroundControlFailure.RateLimited.class);
        assertThat(limited.retryAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3)));
    }

    @Test
    void throttlingWithoutRetryAfterIsRateLimitedWithNoDuration() {
        canned.set(new Canned(429, new byte[0], null));
        GroundControlFailure.RateLimited limited = catchThrowableOfType(
                () -> client.currentPosition(Instant.now().plusSeconds(5)), GroundControlFailure.RateLimited.class);
        assertThat(limited.retryAfter()).isEmpty();
    }

    @Test
    void retryAfterAcceptsSecondsAndDatesAndIgnoresGarbage() {
        Instant now = Instant.parse("2024-04-25T08:11:48Z");
        assertThat(RetryAfter.parse("7", now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Thu, 25 Apr 2024 08:11:50 GMT", now)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryAfter.parse("Thu, 25 Apr 2024 08:11:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isNull();
        assertThat(RetryAfter.parse(null, now)).isNull();
    }

    @Test
    void positionsResponseMissingARequestedTimestampIsInvalidResponse() {
        canned.set(new Canned(200, ("[" + RealIssRecords.LINES.get(0) + "]").getBytes(StandardCharsets.UTF_8), null));
        assertThatThrownBy(() -> client.positionsAt(java.util.List.of(1714032708L, 1714032709L), Instant.now().plusSeconds(5)))
                .isInstanceOf(GroundControlFailure.InvalidResponse.class).hasMessageContaining("1714032709");
    }

    @Test
    void positionsOfRealRecordsKeepEachObjectsBytes() throws Exception {
        String array = "[" + RealIssRecords.LINES.get(0) + ",\n " + RealIssRecords.LINES.get(2) + "]";
        canned.set(new Canned(200, array.getBytes(StandardCharsets.UTF_8), null));
        var observations = client.positionsAt(java.util.List.of(1714032711L, 1714032708L), Instant.now().plusSeconds(5));
        assertThat(observations.get(0).json()).isEqualTo(RealIssRecords.bytes(2));
        assertThat(observations.get(1).json()).isEqualTo(RealIssRecords.bytes(0));
        assertThat(observations.get(1).source()).isEqualTo("api-backfill");
    }
}
