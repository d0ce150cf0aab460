package org.esa.iss.domain;

import java.time.Duration;
import java.time.Instant;

/** Conversions between microsecond counts (the unit of every stored timestamp) and java.time. */
public final class Micros {
    private Micros() {
    }

    /** Microseconds since the epoch for an instant; sub-microsecond digits are truncated. */
    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /** Microseconds in a duration; sub-microsecond digits are truncated. */
    public static long of(Duration duration) {
        return Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1_000);
    }

    /**
     * The longest span a window, watermark delay or orbit option may have: from 1970 to the end of 9999, every
     * event time a fix can have. Longer ones would overflow the arithmetic of window ends and watermarks.
     */
    static final Duration LONGEST_SPAN = Duration.ofSeconds(Telemetry.LAST_STORABLE_SECOND + 1);

    /**
     * Checks that {@code span} is a whole number of microseconds (the unit state and tables keep, so that a
     * saved definition reads back equal) from {@code min} to {@link #LONGEST_SPAN}.
     *
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    static void requireSpan(String what, Duration span, Duration min) {
        if (span == null || span.compareTo(min) < 0 || span.compareTo(LONGEST_SPAN) > 0) {
            throw new IllegalArgumentException(what + " must be from " + min + " to " + LONGEST_SPAN + ", got " + span);
        }
        if (span.getNano() % 1_000 != 0) {
            throw new IllegalArgumentException(what + " must be a whole number of microseconds, got " + span);
        }
    }

    /** The instant that many microseconds after the epoch. */
    public static Instant toInstant(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1_000L);
    }
}
