package org.esa.iss.ports.in;

import java.util.Optional;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Telemetry;

/** Use case: follow the station live: the latest fix, and a push of every new fix and finalized window. */
public interface WatchTelemetry {

    /** The newest fix seen by this process, if any. */
    Optional<Telemetry> latest();

    /** Registers a listener; close the returned handle to stop receiving. Listeners must not block. */
    Subscription subscribe(Listener listener);

    /** A registration; closing it (more than once is fine) stops the listener's events. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Receives live events on the publishing thread. A listener that throws is dropped (the service logs a
     * warning) so that it cannot hold up the others or the pipeline.
     */
    interface Listener {
        /** A new position, with the source it came from. */
        void fix(Telemetry telemetry, String source);

        /** A window that gold has just committed. */
        void window(AltitudeWindow window);
    }
}
