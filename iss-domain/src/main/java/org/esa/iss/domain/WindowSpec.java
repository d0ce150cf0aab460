package org.esa.iss.domain;

import java.time.Duration;

/**
 * Event-time tumbling windows and their watermark.
 *
 * <p>Windows are {@code [start, start + size)} with {@code start} a multiple of {@code size} since the
 * unix epoch (as Spark's {@code window()} with no offset). The watermark is the largest event time seen
 * so far minus {@code watermarkDelay}.
 *
 * @param size           window length, whole microseconds; the original system used 5 s
 * @param watermarkDelay how far behind the newest event the watermark trails, whole microseconds; the original
 *                       used 10 s
 */
public record WindowSpec(Duration size, Duration watermarkDelay) {
    /** The original system's windows: 5 s, watermark 10 s. */
    public static final WindowSpec DEFAULT = new WindowSpec(Duration.ofSeconds(5), Duration.ofSeconds(10));

    public WindowSpec {
        Micros.requireSpan("window size", size, Duration.ofNanos(1_000));
        Micros.requireSpan("watermark delay", watermarkDelay, Duration.ZERO);
    }

    long sizeMicros() {
        return Micros.of(size);
    }

    long delayMicros() {
        return Micros.of(watermarkDelay);
    }

    /** Start (inclusive, epoch microseconds) of the window holding an event time. */
    public long windowStartMicros(long eventMicros) {
        long size = sizeMicros();
        return Math.floorDiv(eventMicros, size) * size;
    }
}
