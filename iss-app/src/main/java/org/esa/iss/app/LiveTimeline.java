package org.esa.iss.app;

import java.util.ArrayList;
import java.util.List;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.ports.out.Observation;

/**
 * When each live observation was polled, became visible in bronze, and was emitted in a gold window.
 * Bronze is fresh and fed by one poller on one partition, so its row count says exactly which
 * observations are committed: the first {@code rows} polled. Observations polled during the warm-up
 * (JIT, table creation, first consumer-group join) are tracked but not counted.
 */
final class LiveTimeline {
    private final long warmupEndsNanos;
    private final List<Polled> polled = new ArrayList<>();
    private final Latencies toBronze = new Latencies();
    private final Latencies toWindow = new Latencies();
    private int visible;
    private long windows;

    private static final class Polled {
        final long atNanos;
        final long eventSecond;
        boolean windowed;

        Polled(long atNanos, long eventSecond) {
            this.atNanos = atNanos;
            this.eventSecond = eventSecond;
        }
    }

    LiveTimeline(long warmupEndsNanos) {
        this.warmupEndsNanos = warmupEndsNanos;
    }

    /** The poller's observer: called just before the observation is published. */
    synchronized void polled(Observation observation) {
        polled.add(new Polled(System.nanoTime(), observation.telemetry().timestamp()));
    }

    /** Bronze now holds {@code rows} rows (read from the ingester's progress after its commit returned). */
    synchronized void bronzeHolds(long rows, long nowNanos) {
        while (visible < rows && visible < polled.size()) {
            Polled p = polled.get(visible++);
            if (p.atNanos >= warmupEndsNanos) {
                toBronze.add(nowNanos - p.atNanos);
            }
        }
    }

    /** The refiner's callback: a window's gold commit succeeded. */
    synchronized void windowCommitted(AltitudeWindow window) {
        long now = System.nanoTime();
        windows++;
        long from = window.start().getEpochSecond();
        long to = window.end().getEpochSecond();
        for (Polled p : polled) {
            if (!p.windowed && p.eventSecond >= from && p.eventSecond < to) {
                p.windowed = true;
                if (p.atNanos >= warmupEndsNanos) {
                    toWindow.add(now - p.atNanos);
                }
            }
        }
    }

    synchronized int polledCount() {
        return polled.size();
    }

    synchronized int visibleCount() {
        return visible;
    }

    synchronized long windows() {
        return windows;
    }

    synchronized Latencies toBronze() {
        return toBronze;
    }

    synchronized Latencies toWindow() {
        return toWindow;
    }
}
