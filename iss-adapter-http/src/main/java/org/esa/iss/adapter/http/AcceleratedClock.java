package org.esa.iss.adapter.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that starts at a chosen instant and runs {@code speed} times faster than a base clock, so that
 * the simulator can replay hours of orbit in seconds (speed 60: one minute of orbit per second).
 * Speed 1 with start = now behaves like the base clock.
 */
public final class AcceleratedClock extends Clock {
    private final Instant start;
    private final double speed;
    private final Clock base;
    private final Instant baseStart;
    private final ZoneId zone;

    /** Starts at {@code start} now, running {@code speed} times as fast as the system clock. */
    public AcceleratedClock(Instant start, double speed) {
        this(start, speed, Clock.systemUTC());
    }

    /** Starts at {@code start} now, running {@code speed} times as fast as {@code base}. */
    public AcceleratedClock(Instant start, double speed, Clock base) {
        this(start, speed, base, base.instant(), ZoneOffset.UTC);
    }

    private AcceleratedClock(Instant start, double speed, Clock base, Instant baseStart, ZoneId zone) {
        if (!(speed > 0) || !Double.isFinite(speed)) {
            throw new IllegalArgumentException("clock speed must be a positive finite factor, got " + speed);
        }
        this.start = Objects.requireNonNull(start, "start");
        this.speed = speed;
        this.base = Objects.requireNonNull(base, "base");
        this.baseStart = baseStart;
        this.zone = zone;
    }

    /** How many times faster than the base clock this one runs. */
    public double speed() {
        return speed;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new AcceleratedClock(start, speed, base, baseStart, newZone);
    }

    @Override
    public Instant instant() {
        Duration elapsed = Duration.between(baseStart, base.instant());
        if (speed == 1.0) {
            return start.plus(elapsed);
        }
        // Whole seconds and nanos scaled separately keep nanosecond precision over long replays.
        double scaledSeconds = elapsed.getSeconds() * speed;
        long wholeSeconds = (long) Math.floor(scaledSeconds);
        long nanos = Math.round((scaledSeconds - wholeSeconds) * 1e9 + elapsed.getNano() * speed);
        return start.plusSeconds(wholeSeconds).plusNanos(nanos);
    }

    @Override
    public String toString() {
        return "AcceleratedClock[start=" + start + ", speed=" + speed + "x, base=" + base + "]";
    }
}
