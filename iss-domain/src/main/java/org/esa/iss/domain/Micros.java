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

    /** The instant that many microseconds after the epoch. */
    public static Instant toInstant(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1_000L);
    }
}
