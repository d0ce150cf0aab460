package org.esa.iss.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.esa.iss.adapter.http.QueryApiFixtures.JSON;
import static org.esa.iss.adapter.http.QueryApiFixtures.T0;
import static org.esa.iss.adapter.http.QueryApiFixtures.observation;
import static org.esa.iss.adapter.http.QueryApiFixtures.telemetry;
import static org.esa.iss.adapter.http.QueryApiFixtures.window;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.esa.iss.adapter.http.QueryApiFixtures.RunningApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live event stream: what it sends, and that clients coming and going leave no thread behind. */
class QueryApiStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration HEARTBEAT = Duration.ofMillis(150);

    private RunningApi api;

    @BeforeEach
    void start() throws Exception {
        api = new RunningApi(QueryApiOptions.defaults().withMaxStreams(2).withHeartbeat(HEARTBEAT), T0);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aPublishedFixArrivesAsAFixEvent() throws Exception {
        try (EventStreamClient client = new EventStreamClient(api.uri("/api/v1/stream"))) {
            assertThat(client.response.statusCode()).isEqualTo(200);
            assertThat(client.response.headers().firstValue("Content-Type")).contains("text/event-stream; charset=utf-8");
            assertThat(client.response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

            api.live.observed(observation(telemetry(T0.plusSeconds(1), -48.95, 125.3, 433.84), "simulator"));

            JsonNode fix = JSON.readTree(client.nextData("fix", WAIT));
            assertThat(fix.get("latitude").asDouble()).isEqualTo(-48.95);
            assertThat(fix.get("altitude_km").asDouble()).isEqualTo(433.84);
            assertThat(fix.get("event_time").asText()).isEqualTo("2024-04-25T08:11:49Z");
            assertThat(fix.get("source").asText()).isEqualTo("simulator");
        }
    }

    @Test
    void aCommittedWindowArrivesAsAWindowEvent() throws Exception {
        try (EventStreamClient client = new EventStreamClient(api.uri("/api/v1/stream"))) {
            api.live.windowCommitted(window(10, 433.9, 433.8));

            JsonNode window = JSON.readTree(client.nextData("window", WAIT));
            assertThat(window.get("start").asText()).isEqualTo("2024-04-25T08:11:58Z");
            assertThat(window.get("max_altitude_km").asDouble()).isEqualTo(433.9);
            assertThat(window.get("min_altitude_km").asDouble()).isEqualTo(433.8);
        }
    }

    @Test
    void withoutReplayANewClientStillStartsWithTheLatestFix() throws Exception {
        try (RunningApi latestOnly = new RunningApi(QueryApiOptions.defaults().withReplayFixes(0), T0)) {
            latestOnly.live.observed(observation(telemetry(T0, 10, 20, 420.5), "api"));
            latestOnly.live.observed(observation(telemetry(T0.plusSeconds(1), 10.1, 20.1, 420.6), "api"));

            try (EventStreamClient client = new EventStreamClient(latestOnly.uri("/api/v1/stream"))) {
                assertThat(JSON.readTree(client.nextData("fix", WAIT)).get("altitude").asDouble()).isEqualTo(420.6);
            }
        }
    }

    @Test
    void aNewClientFirstReceivesTheMostRecentFixesInOrderThenLiveOnes() throws Exception {
        try (RunningApi replaying = new RunningApi(QueryApiOptions.defaults().withReplayFixes(3), T0)) {
            for (int s = 1; s <= 5; s++) {
                replaying.live.observed(observation(telemetry(T0.plusSeconds(s), s, s, 420 + s), "simulator"));
            }

            try (EventStreamClient client = new EventStreamClient(replaying.uri("/api/v1/stream"))) {
                replaying.live.observed(observation(telemetry(T0.plusSeconds(6), 6, 6, 426), "simulator"));

                for (int s = 3; s <= 6; s++) {
                    assertThat(JSON.readTree(client.nextData("fix", WAIT)).get("timestamp").asLong())
                            .isEqualTo(T0.getEpochSecond() + s);
                }
            }
        }
    }

    @Test
    void anIdleStreamSendsHeartbeatEventsAPageCanSee() throws Exception {
        try (EventStreamClient client = new EventStreamClient(api.uri("/api/v1/stream"))) {
            String line;
            do {
                line = client.nextLine(WAIT);
            } while (line != null && !line.startsWith("event: heartbeat"));
            assertThat(line).isEqualTo("event: heartbeat");
            // EventSource dispatches an event only if it has data
            assertThat(client.nextLine(WAIT)).isEqualTo("data: {}");
        }
    }

    @Test
    void aClientThatDisconnectsReleasesItsThreadAndSlot() throws Exception {
        EventStreamClient client = new EventStreamClient(api.uri("/api/v1/stream"));
        assertThat(api.server.openStreams()).isEqualTo(1);

        client.close();

        await().atMost(WAIT).until(() -> api.server.openStreams() == 0);
        await().atMost(WAIT).until(() -> streamThreads() == 0);
    }

    @Test
    void streamsBeyondTheLimitAreTurnedAwayUntilOneCloses() throws Exception {
        try (EventStreamClient first = new EventStreamClient(api.uri("/api/v1/stream"));
                EventStreamClient second = new EventStreamClient(api.uri("/api/v1/stream"))) {
            assertThat(api.get("/api/v1/stream").statusCode()).isEqualTo(503);

            first.close();
            await().atMost(WAIT).until(() -> api.server.openStreams() == 1);
            try (EventStreamClient third = new EventStreamClient(api.uri("/api/v1/stream"))) {
                assertThat(third.response.statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void closingTheServerEndsOpenStreams() throws Exception {
        try (EventStreamClient client = new EventStreamClient(api.uri("/api/v1/stream"))) {
            api.close();

            String line;
            do {
                line = client.nextLine(WAIT);
            } while (line != null && !line.equals(EventStreamClient.END));
            assertThat(line).isEqualTo(EventStreamClient.END);
            assertThat(api.server.openStreams()).isZero();
            await().atMost(WAIT).until(() -> streamThreads() == 0);
        }
    }

    private static long streamThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("iss-query-stream-"))
                .count();
    }
}
