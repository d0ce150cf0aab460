package org.esa.iss.ports.in;

import java.util.Optional;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Telemetry;

/** Use case: follow the station live: the latest fix, and a push of every new fix and finalized window. */
public interface WatchTelemetry {

    /** The newest fix seen by this process, if any. */
    Optional<Telemetry> latest();

    /** Registers a listener; close the returned handle to stop receiving. Listeners must not block. */
    AutoCloseable subscribe(Listener listener);

    /** Receives live events on the publishing thread. */
    interface Listener {
        /** A new position, with the source it came from. */
        void fix(Telemetry telemetry, String source);

        /** A window that gold has just committed. */
        void window(AltitudeWindow window);
    }
}
