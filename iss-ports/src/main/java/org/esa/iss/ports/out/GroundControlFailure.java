package org.esa.iss.ports.out;

import java.time.Duration;
import java.util.Optional;

/**
 * Why ground control gave no position. Callers handle each case: back off when {@link RateLimited},
 * retry within the slot when {@link Unavailable}, count and move on when {@link InvalidResponse}.
 */
public abstract sealed class GroundControlFailure extends Exception
        permits GroundControlFailure.RateLimited, GroundControlFailure.Unavailable, GroundControlFailure.InvalidResponse {
    private static final long serialVersionUID = 1L;

    GroundControlFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** HTTP 429: too many requests. {@code retryAfter} is the server's {@code Retry-After}, if it sent one. */
    public static final class RateLimited extends GroundControlFailure {
        private static final long serialVersionUID = 1L;
        private final transient Duration retryAfter;

        public RateLimited(Duration retryAfter) {
            super("ground control is throttling requests (HTTP 429)"
                    + (retryAfter == null ? "" : "; retry after " + describe(retryAfter)), null);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }

        /** Milliseconds, or seconds for a delay too long for them (a server may ask for anything). */
        private static String describe(Duration delay) {
            return delay.getSeconds() < 1_000_000_000L ? delay.toMillis() + " ms" : delay.getSeconds() + " s";
        }
    }

    /** Timeout, connection failure or 5xx: worth retrying. */
    public static final class Unavailable extends GroundControlFailure {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The server answered, but not with a valid position (bad JSON, missing fields, values out of range, 4xx). */
    public static final class InvalidResponse extends GroundControlFailure {
        private static final long serialVersionUID = 1L;

        public InvalidResponse(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
