package org.esa.iss.ports;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.ports.in.WatchTelemetry;
import org.esa.iss.ports.out.Observation;

/**
 * Fans live events out to subscribers: the poller reports each observation ({@link #observed}), the
 * refiner each committed window ({@link #windowCommitted}). A failing listener is logged and dropped.
 */
public final class LiveTelemetryService implements WatchTelemetry {
    private static final Logger LOG = Logger.getLogger(LiveTelemetryService.class.getName());

    private final AtomicReference<Telemetry> latest = new AtomicReference<>();
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Called for every observation published. */
    public void observed(Observation observation) {
        Telemetry telemetry = observation.telemetry();
        latest.accumulateAndGet(telemetry, (old, now) -> old == null || now.timestamp() >= old.timestamp() ? now : old);
        for (Listener listener : listeners) {
            notify(listener, () -> listener.fix(telemetry, observation.source()));
        }
    }

    /** Called for every window committed to gold. */
    public void windowCommitted(AltitudeWindow window) {
        for (Listener listener : listeners) {
            notify(listener, () -> listener.window(window));
        }
    }

    private void notify(Listener listener, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // one listener's failure must not stop the others' updates, nor the pipeline feeding them
            LOG.log(Level.WARNING, "dropping a live listener that failed: " + e, e);
            listeners.remove(listener);
        }
    }

    @Override
    public Optional<Telemetry> latest() {
        return Optional.ofNullable(latest.get());
    }

    @Override
    public Subscription subscribe(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }
}
