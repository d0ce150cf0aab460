package org.esa.iss.adapter.http;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.esa.iss.domain.Units;

/**
 * Knobs of {@link WhereTheIssAtGroundControl}. Start from {@link #defaults()} and change what differs.
 *
 * @param baseUrl          the API root without {@code /v1}; the public service, or a simulator's {@link SimulatorServer#baseUri()}
 * @param units            the {@code units} parameter; records carry it, and the domain converts to km
 * @param source           what observations are marked with: {@code api}, or {@code simulator} when pointed at one
 * @param connectTimeout   TCP + TLS connect budget; under one 0.5 s poll slot, since a connection that slow is useless
 * @param maxResponseBytes bodies above this are refused; a record is ~380 bytes and 10 positions ~4 KB
 * @param maxAttempts      tries per call including the first; more than 3 never fit in a 0.5 s slot anyway
 * @param initialBackoff   wait before the first retry; doubled per retry
 * @param jitter           random share (0-1) taken off each backoff, so that clients do not retry in lockstep
 * @param minAttemptTime   a retry starts only if at least this much time is left before the deadline after
 *                         its backoff; about one round trip to the public API
 */
public record WhereTheIssAtOptions(
        URI baseUrl,
        Units units,
        String source,
        Duration connectTimeout,
        int maxResponseBytes,
        int maxAttempts,
        Duration initialBackoff,
        double jitter,
        Duration minAttemptTime) {

    /** The public ground-control API. */
    public static final URI PUBLIC_API = URI.create("https://api.wheretheiss.at");

    public WhereTheIssAtOptions {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(minAttemptTime, "minAttemptTime");
        if (!isBaseUrl(baseUrl)) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, got " + baseUrl);
        }
        String text = baseUrl.toString();
        if (text.endsWith("/")) {
            baseUrl = URI.create(text.substring(0, text.length() - 1));
        }
        if (source.isBlank()) {
            throw new IllegalArgumentException("source must name where records come from (api, simulator)");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
        }
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1024, got " + maxResponseBytes);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || minAttemptTime.isNegative()) {
            throw new IllegalArgumentException("backoff and minimum attempt time cannot be negative");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be within [0, 1], got " + jitter);
        }
    }

    /** Whether {@code baseUrl} can be the API's root: {@code http://} or {@code https://} and a host. */
    public static boolean isBaseUrl(URI baseUrl) {
        String scheme = baseUrl.getScheme();
        return ("http".equals(scheme) || "https".equals(scheme)) && baseUrl.getHost() != null;
    }

    /** The public API in kilometres, source {@code api}, 64 KiB cap, 3 attempts from 50 ms backoff. */
    public static WhereTheIssAtOptions defaults() {
        return new WhereTheIssAtOptions(PUBLIC_API, Units.KILOMETERS, "api", Duration.ofMillis(400), 64 * 1024, 3,
                Duration.ofMillis(50), 0.5, Duration.ofMillis(100));
    }

    public WhereTheIssAtOptions withBaseUrl(URI value) {
        return new WhereTheIssAtOptions(value, units, source, connectTimeout, maxResponseBytes, maxAttempts,
                initialBackoff, jitter, minAttemptTime);
    }

    public WhereTheIssAtOptions withUnits(Units value) {
        return new WhereTheIssAtOptions(baseUrl, value, source, connectTimeout, maxResponseBytes, maxAttempts,
                initialBackoff, jitter, minAttemptTime);
    }

    public WhereTheIssAtOptions withSource(String value) {
        return new WhereTheIssAtOptions(baseUrl, units, value, connectTimeout, maxResponseBytes, maxAttempts,
                initialBackoff, jitter, minAttemptTime);
    }

    public WhereTheIssAtOptions withRetries(int attempts, Duration backoff, Duration minAttempt) {
        return new WhereTheIssAtOptions(baseUrl, units, source, connectTimeout, maxResponseBytes, attempts,
                backoff, jitter, minAttempt);
    }
}
