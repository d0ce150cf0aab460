package org.esa.iss.adapter.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.esa.iss.domain.InvalidTelemetry;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.ports.out.GroundControl;
import org.esa.iss.ports.out.GroundControlFailure;
import org.esa.iss.ports.out.Observation;

/**
 * {@link GroundControl} over the wheretheiss.at HTTP API (or a {@link SimulatorServer} that imitates it).
 *
 * <p>Every call honours its deadline: each attempt's request timeout, and the wait for the whole body, is
 * the time left, and retries ({@link DeadlineRetry}) start only if they can finish. Bodies are capped
 * ({@link WhereTheIssAtOptions#maxResponseBytes()}) and parsed strictly with {@link TelemetryJson}.
 * Failures map onto the port's cases: 429 is {@link GroundControlFailure.RateLimited} (with
 * {@code Retry-After} in seconds or as an HTTP date), 5xx, I/O errors and timeouts are
 * {@link GroundControlFailure.Unavailable}, any other status or an unparseable body is
 * {@link GroundControlFailure.InvalidResponse} quoting the start of the body.
 *
 * <p>Thread-safe; one instance can serve a poller and a backfiller.
 */
public final class WhereTheIssAtGroundControl implements GroundControl {
    /** NORAD catalogue number of the ISS, the only satellite the API serves. */
    public static final long ISS_ID = 25544;

    private final WhereTheIssAtOptions options;
    private final Clock clock;
    private final HttpClient http;
    private final DeadlineRetry retry;
    private final URI currentUri;
    private final String positionsUri;

    public WhereTheIssAtGroundControl(WhereTheIssAtOptions options) {
        this(options, Clock.systemUTC());
    }

    /** @param clock measures deadlines and stamps {@link Observation#fetchedAt()} */
    public WhereTheIssAtGroundControl(WhereTheIssAtOptions options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.retry = new DeadlineRetry(options, clock);
        String satellite = options.baseUrl() + "/v1/satellites/" + ISS_ID;
        this.currentUri = URI.create(satellite + "?units=" + options.units().apiName());
        this.positionsUri = satellite + "/positions?units=" + options.units().apiName() + "&timestamps=";
    }

    /**
     * Whether the API at {@code baseUrl} answers within {@code timeout} (a valid position, or a 429, which
     * also proves it is up). One attempt, no retries; used by {@code --source auto}.
     */
    public static boolean probe(URI baseUrl, Duration timeout) {
        WhereTheIssAtOptions single = WhereTheIssAtOptions.defaults().withBaseUrl(baseUrl)
                .withRetries(1, Duration.ZERO, Duration.ZERO);
        return new WhereTheIssAtGroundControl(single).probe(timeout);
    }

    /** Whether this client's API answers within {@code timeout}; see {@link #probe(URI, Duration)}. */
    public boolean probe(Duration timeout) {
        try {
            currentPosition(clock.instant().plus(timeout));
            return true;
        } catch (GroundControlFailure.RateLimited e) {
            return true;
        } catch (GroundControlFailure e) {
            return false;
        }
    }

    @Override
    public Observation currentPosition(Instant deadline) throws GroundControlFailure {
        Objects.requireNonNull(deadline, "deadline");
        byte[] body = retry.call(deadline, budget -> fetch(currentUri, budget));
        Telemetry telemetry = parse(body, 0, body.length, currentUri);
        return new Observation(telemetry, body, options.source(), clock.instant());
    }

    /**
     * Positions from the {@code /positions} endpoint, one per requested timestamp, in request order.
     * Marked {@code api-backfill} when this client's source is {@code api}, else with the configured source.
     */
    @Override
    public List<Observation> positionsAt(List<Long> timestamps, Instant deadline) throws GroundControlFailure {
        Objects.requireNonNull(deadline, "deadline");
        if (timestamps.size() > maxPositionsPerCall()) {
            throw new IllegalArgumentException("at most " + maxPositionsPerCall() + " timestamps per call, got " + timestamps.size());
        }
        if (timestamps.isEmpty()) {
            return List.of();
        }
        URI uri = URI.create(positionsUri + timestamps.stream().map(String::valueOf).collect(Collectors.joining(",")));
        byte[] body = retry.call(deadline, budget -> fetch(uri, budget));
        List<int[]> ranges;
        try {
            ranges = JsonArrays.objectRanges(body);
        } catch (IllegalArgumentException e) {
            throw new GroundControlFailure.InvalidResponse("positions from " + uri + " are not a JSON array of records ("
                    + e.getMessage() + "): " + TelemetryJson.excerpt(body, 0, body.length), e);
        }
        String source = "api".equals(options.source()) ? "api-backfill" : options.source();
        Instant fetchedAt = clock.instant();
        Map<Long, Observation> byTimestamp = new HashMap<>();
        for (int[] range : ranges) {
            Telemetry telemetry = parse(body, range[0], range[1], uri);
            byte[] json = Arrays.copyOfRange(body, range[0], range[0] + range[1]);
            byTimestamp.put(telemetry.timestamp(), new Observation(telemetry, json, source, fetchedAt));
        }
        List<Observation> result = new ArrayList<>(timestamps.size());
        for (long t : timestamps) {
            Observation observation = byTimestamp.get(t);
            if (observation == null) {
                throw new GroundControlFailure.InvalidResponse("positions from " + uri + " lack timestamp " + t
                        + " (got " + byTimestamp.keySet() + ")", null);
            }
            result.add(observation);
        }
        return result;
    }

    @Override
    public String source() {
        return options.source();
    }

    /** Retries started since this client was made. */
    public long retryCount() {
        return retry.retries();
    }

    /** One HTTP exchange, bounded by {@code budget} end to end (connect, headers and body). */
    private byte[] fetch(URI uri, Duration budget) throws GroundControlFailure {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(budget)
                .header("Accept", "application/json")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> pending =
                http.sendAsync(request, CappedBodySubscriber.handler(options.maxResponseBytes()));
        HttpResponse<byte[]> response;
        try {
            response = pending.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new GroundControlFailure.Unavailable("no complete answer from " + uri + " within "
                    + budget.toMillis() + " ms (deadline)", e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new GroundControlFailure.Unavailable("interrupted while waiting for " + uri, e);
        } catch (ExecutionException e) {
            throw failureOf(uri, budget, e.getCause());
        }
        int status = response.statusCode();
        byte[] body = response.body();
        if (status == 429) {
            throw new GroundControlFailure.RateLimited(
                    RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant()));
        }
        if (body == null) {
            throw new GroundControlFailure.InvalidResponse("HTTP " + status + " from " + uri + " declares a body larger than "
                    + options.maxResponseBytes() + " bytes", null);
        }
        if (status >= 500) {
            throw new GroundControlFailure.Unavailable("HTTP " + status + " from " + uri + ": "
                    + TelemetryJson.excerpt(body, 0, body.length), null);
        }
        if (status != 200) {
            throw new GroundControlFailure.InvalidResponse("HTTP " + status + " from " + uri + ": "
                    + TelemetryJson.excerpt(body, 0, body.length), null);
        }
        return body;
    }

    private static GroundControlFailure failureOf(URI uri, Duration budget, Throwable cause) {
        if (cause instanceof CappedBodySubscriber.ResponseTooLarge) {
            return new GroundControlFailure.InvalidResponse(uri + ": " + cause.getMessage(), cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new GroundControlFailure.Unavailable("timed out after " + budget.toMillis() + " ms waiting for " + uri, cause);
        }
        if (cause instanceof java.net.ConnectException) { // the client's carries no message
            return new GroundControlFailure.Unavailable("cannot connect to " + uri + " (refused or unreachable;"
                    + " check --api-url, the network and any proxy)", cause);
        }
        if (cause instanceof IOException) {
            return new GroundControlFailure.Unavailable("I/O error talking to " + uri + ": "
                    + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()), cause);
        }
        return new GroundControlFailure.Unavailable("request to " + uri + " failed: " + cause, cause);
    }

    private static Telemetry parse(byte[] body, int offset, int length, URI uri) throws GroundControlFailure.InvalidResponse {
        try {
            return TelemetryJson.parse(body, offset, length);
        } catch (InvalidTelemetry e) {
            String message = e.getMessage();
            String excerpt = TelemetryJson.excerpt(body, offset, length);
            throw new GroundControlFailure.InvalidResponse("invalid record from " + uri + ": " + message
                    + (message.contains(excerpt) ? "" : " in " + excerpt), e);
        }
    }
}
