package org.esa.iss.domain;

import java.time.Duration;

/**
 * How the orbit tracker treats missing data. Both spans are whole microseconds.
 *
 * @param gapThreshold   an interval between fixes longer than this is a gap; 30 s is 60 missed polls at 2 Hz
 * @param abandonAfter   an interval longer than this drops the revolution in progress, whose extremes could
 *                       lie anywhere inside it; 20 min is about a fifth of an ISS orbit. At least the gap threshold.
 */
public record OrbitOptions(Duration gapThreshold, Duration abandonAfter) {
    /** 30 s gaps, revolutions abandoned after 20 min without data. */
    public static final OrbitOptions DEFAULT = new OrbitOptions(Duration.ofSeconds(30), Duration.ofMinutes(20));

    public OrbitOptions {
        Micros.requireSpan("gap threshold", gapThreshold, Duration.ofNanos(1_000));
        Micros.requireSpan("abandonAfter", abandonAfter, gapThreshold);
    }
}
