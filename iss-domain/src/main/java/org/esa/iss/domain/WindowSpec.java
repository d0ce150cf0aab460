package org.esa.iss.domain;

import java.time.Duration;

/**
 * Event-time tumbling windows and their watermark.
 *
 * <p>Windows are {@code [start, start + size)} with {@code start} a multiple of {@code size} since the
 * unix epoch (as Spark's {@code window()} with no offset). The watermark is the largest event time seen
 * so far minus {@code watermarkDelay}.
 *
 * @param size           window length; the original system used 5 s
 * @param watermarkDelay how far behind the newest event the watermark trails; the original used 10 s
 */
public record WindowSpec(Duration size, Duration watermarkDelay) {
    /** The original system's windows: 5 s, watermark 10 s. */
    public static final WindowSpec DEFAULT = new WindowSpec(Duration.ofSeconds(5), Duration.ofSeconds(10));

    public WindowSpec {
        if (size == null || size.isNegative() || size.isZero() || Micros.of(size) == 0) {
            throw new IllegalArgumentException("window size must be at least one microsecond, got " + size);
        }
        if (watermarkDelay == null || watermarkDelay.isNegative()) {
            throw new IllegalArgumentException("watermark delay must be zero or positive, got " + watermarkDelay);
        }
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
