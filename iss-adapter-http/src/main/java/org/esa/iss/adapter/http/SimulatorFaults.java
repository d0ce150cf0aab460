package org.esa.iss.adapter.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What the simulator server does wrong, on purpose, so that clients can be tested and demonstrated
 * against the failures of the real API. All off by default ({@link #none()}).
 *
 * <p>Each request first meets the throttle, then the added latency, then one uniform draw from a
 * {@link java.util.Random} seeded with {@code seed} picks at most one of drop, hang, 500 or malformed body
 * (the rates partition [0, 1), so they must sum to at most 1). The same seed and the same request order
 * give the same faults.
 *
 * @param latency            added before every answer; the real API answers in 100-300 ms from Europe
 * @param errorRate          share of requests answered with HTTP 500 and a JSON error body
 * @param throttlePerSecond  requests allowed per wall-clock second before HTTP 429; 0 = no limit
 *                           (the real API allows about 1)
 * @param retryAfter         the {@code Retry-After} sent with a 429, whole seconds; zero sends no header
 * @param malformedRate      share of requests answered 200 with a truncated, unparseable body
 * @param dropRate           share of requests whose connection is closed without any response
 * @param hangRate           share of requests that get no answer for {@code hangFor}, then a dropped connection
 * @param hangFor            how long a hung request stays silent; longer than any client deadline
 * @param seed               seeds the fault draws, for reproducible runs
 */
public record SimulatorFaults(
        Duration latency,
        double errorRate,
        int throttlePerSecond,
        Duration retryAfter,
        double malformedRate,
        double dropRate,
        double hangRate,
        Duration hangFor,
        long seed) {

    private static final SimulatorFaults NONE =
            new SimulatorFaults(Duration.ZERO, 0, 0, Duration.ofSeconds(1), 0, 0, 0, Duration.ofSeconds(30), 42L);

    public SimulatorFaults {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(hangFor, "hangFor");
        if (latency.isNegative() || retryAfter.isNegative() || hangFor.isNegative()) {
            throw new IllegalArgumentException("fault durations cannot be negative");
        }
        requireRate("errorRate", errorRate);
        requireRate("malformedRate", malformedRate);
        requireRate("dropRate", dropRate);
        requireRate("hangRate", hangRate);
        if (errorRate + malformedRate + dropRate + hangRate > 1.0 + 1e-12) {
            throw new IllegalArgumentException("fault rates are exclusive per request and must sum to at most 1, got "
                    + (errorRate + malformedRate + dropRate + hangRate));
        }
        if (throttlePerSecond < 0) {
            throw new IllegalArgumentException("throttlePerSecond must be >= 0 (0 = no limit), got " + throttlePerSecond);
        }
    }

    /** A well-behaved server. */
    public static SimulatorFaults none() {
        return NONE;
    }

    public SimulatorFaults withLatency(Duration value) {
        return new SimulatorFaults(value, errorRate, throttlePerSecond, retryAfter, malformedRate, dropRate, hangRate, hangFor, seed);
    }

    public SimulatorFaults withErrorRate(double value) {
        return new SimulatorFaults(latency, value, throttlePerSecond, retryAfter, malformedRate, dropRate, hangRate, hangFor, seed);
    }

    public SimulatorFaults withThrottle(int perSecond, Duration retryAfterValue) {
        return new SimulatorFaults(latency, errorRate, perSecond, retryAfterValue, malformedRate, dropRate, hangRate, hangFor, seed);
    }

    public SimulatorFaults withMalformedRate(double value) {
        return new SimulatorFaults(latency, errorRate, throttlePerSecond, retryAfter, value, dropRate, hangRate, hangFor, seed);
    }

    public SimulatorFaults withDropRate(double value) {
        return new SimulatorFaults(latency, errorRate, throttlePerSecond, retryAfter, malformedRate, value, hangRate, hangFor, seed);
    }

    public SimulatorFaults withHang(double rate, Duration duration) {
        return new SimulatorFaults(latency, errorRate, throttlePerSecond, retryAfter, malformedRate, dropRate, rate, duration, seed);
    }

    public SimulatorFaults withSeed(long value) {
        return new SimulatorFaults(latency, errorRate, throttlePerSecond, retryAfter, malformedRate, dropRate, hangRate, hangFor, value);
    }

    private static void requireRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], got " + rate);
        }
    }
}
