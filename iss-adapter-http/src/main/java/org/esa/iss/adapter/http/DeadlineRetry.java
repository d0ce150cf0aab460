package org.esa.iss.adapter.http;

import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.esa.iss.ports.out.GroundControlFailure;

/**
 * Retries {@link GroundControlFailure.Unavailable} (I/O errors, timeouts, 5xx) with exponential backoff and
 * jitter, through resilience4j-retry, but never past a deadline: a retry starts only if, after its longest
 * possible backoff, at least {@code minAttemptTime} remains, and every attempt gets the time left as its
 * budget. Throttling and invalid answers are not retried: retrying them only makes things worse.
 */
final class DeadlineRetry {
    private final WhereTheIssAtOptions options;
    private final Clock clock;
    private final AtomicLong retries = new AtomicLong();

    /** One try with the time left before the deadline. */
    interface Attempt<T> {
        T run(Duration budget) throws GroundControlFailure;
    }

    DeadlineRetry(WhereTheIssAtOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    /** Retries started so far (for metrics and tests). */
    long retries() {
        return retries.get();
    }

    <T> T call(Instant deadline, Attempt<T> attempt) throws GroundControlFailure {
        AtomicInteger attempts = new AtomicInteger();
        // A Retry per call: its predicate and backoff depend on this call's deadline. Building one is cheap
        // next to an HTTP round trip.
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(options.maxAttempts())
                .retryOnException(e -> e instanceof GroundControlFailure.Unavailable && worthRetrying(deadline, attempts.get()))
                .intervalFunction(n -> backoffMillis(n, deadline))
                .failAfterMaxAttempts(false)
                .build();
        CheckedSupplier<T> guarded = Retry.decorateCheckedSupplier(Retry.of("ground-control", config), () -> {
            if (attempts.incrementAndGet() > 1) {
                retries.incrementAndGet();
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new GroundControlFailure.Unavailable("deadline " + deadline + " passed before the request was sent", null);
            }
            return attempt.run(left);
        });
        try {
            return guarded.get();
        } catch (GroundControlFailure | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new GroundControlFailure.Unavailable("ground control call failed: " + e, e);
        }
    }

    private boolean worthRetrying(Instant deadline, int attemptsSoFar) {
        long leftMillis = Duration.between(clock.instant(), deadline).toMillis();
        return leftMillis - maxBackoffMillis(attemptsSoFar) >= options.minAttemptTime().toMillis();
    }

    private long maxBackoffMillis(int retryNumber) {
        return options.initialBackoff().toMillis() << Math.min(Math.max(retryNumber - 1, 0), 20);
    }

    /** Exponential backoff with up to {@code jitter} of it taken off at random, cut to leave room for the attempt. */
    private long backoffMillis(int retryNumber, Instant deadline) {
        long full = maxBackoffMillis(retryNumber);
        long jittered = Math.round(full * (1 - options.jitter() * ThreadLocalRandom.current().nextDouble()));
        long room = Duration.between(clock.instant(), deadline).toMillis() - options.minAttemptTime().toMillis();
        return Math.max(0, Math.min(jittered, room));
    }
}
