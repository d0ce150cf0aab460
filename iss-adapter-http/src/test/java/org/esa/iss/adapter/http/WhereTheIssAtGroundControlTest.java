package org.esa.iss.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.Units;
import org.esa.iss.ports.out.GroundControlFailure;
import org.esa.iss.ports.out.Observation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The HTTP client against the simulator server over real loopback HTTP, one test per fault mode. */
@Tag("fault")
class WhereTheIssAtGroundControlTest {
    private static final long T0 = 1714032708;
    /**
     * How far past its deadline a failing request may end on a busy machine: far below the 2 s latency and 10 s hang
     * injected, so a client that waited for them instead still fails. Requests whose deadline is not the point get 5 s.
     */
    private static final long SLACK_MS = 1_000;

    private final IssSimulator simulator = new IssSimulator(RealIssRecords.ISS_2024_04_25,
            Clock.fixed(Instant.ofEpochSecond(T0), ZoneOffset.UTC));
    private SimulatorServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void currentPositionIsTheSimulatorsRecordMarkedWithTheConfiguredSource() throws Exception {
        WhereTheIssAtGroundControl client = clientFor(SimulatorFaults.none(), options -> options.withSource("simulator"));
        Observation observation = client.currentPosition(Instant.now().plusSeconds(5));
        assertThat(observation.telemetry()).isEqualTo(simulator.at(T0, Units.KILOMETERS));
        assertThat(observation.json()).isEqualTo(IssSimulator.json(observation.telemetry()));
        assertThat(observation.source()).isEqualTo("simulator");
        assertThat(client.source()).isEqualTo("simulator");
    }

    @Test
    void milesAreRequestedAndConvertedBackToKilometresByTheDomain() throws Exception {
        WhereTheIssAtGroundControl client = clientFor(SimulatorFaults.none(), options -> options.withUnits(Units.MILES));
        Telemetry miles = client.currentPosition(Instant.now().plusSeconds(5)).telemetry();
        Telemetry km = simulator.at(T0, Units.KILOMETERS);
        assertThat(miles.units()).isEqualTo(Units.MILES);
        assertThat(miles.altitude()).isCloseTo(km.altitude() / 1.609344, within(1e-9));
        assertThat(miles.altitudeKm()).isCloseTo(km.altitude(), within(1e-9));
    }

    @Test
    void positionsEndpointGivesOneBackfillObservationPerTimestampInRequestOrder() throws Exception {
        WhereTheIssAtGroundControl client = clientFor(SimulatorFaults.none(), options -> options);
        List<Long> timestamps = LongStream.range(0, 10).map(i -> T0 + 60 - 3 * i).boxed().toList();
        List<Observation> observations = client.positionsAt(timestamps, Instant.now().plusSeconds(1));
        assertThat(observations).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(observations.get(i).telemetry()).isEqualTo(simulator.at(timestamps.get(i), Units.KILOMETERS));
            assertThat(observations.get(i).source()).isEqualTo("api-backfill");
        }
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void moreThanTenTimestampsAreRefusedBeforeAnyRequest() {
        WhereTheIssAtGroundControl client = clientFor(SimulatorFaults.none(), options -> options);
        List<Long> eleven = LongStream.range(0, 11).map(i -> T0 + i).boxed().toList();
        assertThatThrownBy(() -> client.positionsAt(eleven, Instant.now().plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 10");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void aServerThatRefusesConnectionsIsUnavailableSayingWhatToCheck() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        WhereTheIssAtGroundControl client = new WhereTheIssAtGroundControl(
                WhereTheIssAtOptions.defaults().withBaseUrl(java.net.URI.create("http://127.0.0.1:" + closedPort)));

        assertThatThrownBy(() -> client.currentPosition(Instant.now().plusSeconds(5)))
                .isInstanceOf(GroundControlFailure.Unavailable.class)
                .hasMessageContaining("cannot connect to http://127.0.0.1:" + closedPort).hasMessageContaining("check --api-url");
    }

    @Test
    void latencyBeyondTheDeadlineIsUnavailableWithinTheDeadline() {
        WhereTheIssAtGroundControl client = clientFor(SimulatorFaults.none().withLatency(Duration.ofSeconds(2)), o -> o);
        long started = System.nanoTime();
        Instant deadline = Instant.now().plusMillis(300);
        assertThatThrownBy(() -> client.currentPosition(deadline))
                .isInstanceOf(GroundControlFailure.Unavailable.class).hasMessageContaining("ms");
        assertThat(elapsedMillis(started)).isLessThan(300 + SLACK_MS);
    }

    @Test
    void serverErrorIsRetriedAndTheRetrySucceeds() throws Exception {
        long seed = seedWhoseFirstDrawFailsAndSecondPasses(0.5);
        WhereTheIssAtGroundControl client = clientFor(SimulatorFaults.none().withErrorRate(0.5).withSeed(seed), o -> o);
        Observation observation = client.currentPosition(Instant.now().plusSeconds(3));
        assertThat(observation.telemetry().timestamp()).isEqualTo(T0);
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(server.injectedFaultCount()).isEqualTo(1);
        assertThat(client.retryCount()).isEqualTo(1);
    }

    @Test
    void persistentServerErrorsAreUnavailableAndRetriesStopBeforeTheDeadline() {
        WhereTheIssAtGroundControl client = clientFor(SimulatorFaults.none().withErrorRate(1.0), o -> o);
        long started = System.nanoTime();
        GroundControlFailure.Unavailable failure = catchThrowableOfType(
                () -> client.currentPosition(Instant.now().plusMillis(400)), GroundControlFailure.Unavailable.class);
        assertThat(failure).hasMessageContaining("HTTP 500").hasMessageContaining("injected");
        assertThat(server.requestCount()).isBetween(2L, 3L);
        assertThat(elapsedMillis(started)).isLessThan(400 + SLACK_MS);
    }

    @Test
    void throttlingIsRateLimitedCarryingRetryAfterAndIsNotRetried() {
        WhereTheIssAtGroundControl client =
                clientFor(SimulatorFaults.none().withThrottle(1, Duration.ofSeconds(2)), o -> o);
        GroundControlFailure.RateLimited limited = null;
        for (int i = 0; i < 5 && limited == null; i++) {
            try {
                client.currentPosition(Instant.now().plusSeconds(5));
            } catch (GroundControlFailure.RateLimited e) {
                limited = e;
            } catch (GroundControlFailure e) {
                throw new AssertionError(e);
            }
        }
        assertThat(limited).isNotNull();
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(client.retryCount()).isZero();
    }

    @Test
    void malformedBodyIsInvalidResponseQuotingAnExcerpt() {
        WhereTheIssAtGroundControl client = clientFor(SimulatorFaults.none().withMalformedRate(1.0), o -> o);
        assertThatThrownBy(() -> client.currentPosition(Instant.now().plusSeconds(5)))
                .isInstanceOf(GroundControlFailure.InvalidResponse.class)
                .hasMessageContaining("{\"name\":\"iss\",\"id\":25544");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void droppedConnectionIsUnavailable() {
        WhereTheIssAtGroundControl client = clientFor(SimulatorFaults.none().withDropRate(1.0), o -> o);
        long started = System.nanoTime();
        assertThatThrownBy(() -> client.currentPosition(Instant.now().plusMillis(500)))
                .isInstanceOf(GroundControlFailure.Unavailable.class);
        assertThat(elapsedMillis(started)).isLessThan(500 + SLACK_MS);
    }

    @Test
    void hangingServerIsUnavailableByTheDeadline() {
        WhereTheIssAtGroundControl client = clientFor(SimulatorFaults.none().withHang(1.0, Duration.ofSeconds(10)), o -> o);
        long started = System.nanoTime();
        assertThatThrownBy(() -> client.currentPosition(Instant.now().plusMillis(400)))
                .isInstanceOf(GroundControlFailure.Unavailable.class);
        assertThat(elapsedMillis(started)).isBetween(300L, 400L + SLACK_MS);
    }

    @Test
    void notFoundIsInvalidResponseWithTheStatusAndBody() {
        WhereTheIssAtGroundControl client = clientFor(SimulatorFaults.none(),
                options -> options.withBaseUrl(URI.create(server.baseUri() + "/nowhere")));
        assertThatThrownBy(() -> client.currentPosition(Instant.now().plusSeconds(5)))
                .isInstanceOf(GroundControlFailure.InvalidResponse.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("\"status\":404");
    }

    @Test
    void passedDeadlineFailsWithoutSendingAnything() {
        WhereTheIssAtGroundControl client = clientFor(SimulatorFaults.none(), o -> o);
        assertThatThrownBy(() -> client.currentPosition(Instant.now().minusMillis(1)))
                .isInstanceOf(GroundControlFailure.Unavailable.class).hasMessageContaining("deadline");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void probeTellsAReachableApiFromAnUnreachableOne() throws IOException {
        clientFor(SimulatorFaults.none(), o -> o);
        assertThat(WhereTheIssAtGroundControl.probe(server.baseUri(), Duration.ofMillis(500))).isTrue();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(WhereTheIssAtGroundControl.probe(URI.create("http://127.0.0.1:" + closedPort), Duration.ofMillis(300)))
                .isFalse();
    }

    private WhereTheIssAtGroundControl clientFor(SimulatorFaults faults,
            java.util.function.UnaryOperator<WhereTheIssAtOptions> customise) {
        try {
            server = SimulatorServer.start(simulator, 0, faults);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return new WhereTheIssAtGroundControl(customise.apply(WhereTheIssAtOptions.defaults().withBaseUrl(server.baseUri())));
    }

    /** The server draws one uniform number per request from Random(seed); find a seed for "fail, then pass". */
    private static long seedWhoseFirstDrawFailsAndSecondPasses(double rate) {
        for (long seed = 0; ; seed++) {
            Random random = new Random(seed);
            if (random.nextDouble() < rate && random.nextDouble() >= rate) {
                return seed;
            }
        }
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
