package org.esa.iss.ports;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.esa.iss.ports.out.SlotClock;

/** Simulated time: sleeping advances it instantly; work can "take" time with {@link #advance}. */
public final class FakeTime implements SlotClock {
    private final Instant origin;
    private long nanos;

    public FakeTime(Instant origin) {
        this.origin = origin;
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized void sleepUntil(long targetNanos) {
        nanos = Math.max(nanos, targetNanos);
    }

    public synchronized void advance(long deltaNanos) {
        nanos += deltaNanos;
    }

    /** A wall clock reading the same simulated time. */
    public Clock wallClock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return origin.plusNanos(nanoTime());
            }
        };
    }
}
