package org.esa.iss.app.faults;

import java.nio.file.Path;

/** The table locations under a {@code --data-dir}, as the README documents them. */
record DataDir(Path root) {
    Path bronze() {
        return root.resolve("delta/bronze/iss_telemetry");
    }

    Path quarantine() {
        return root.resolve("delta/bronze/iss_quarantine");
    }

    Path windows() {
        return root.resolve("delta/gold/altitude_windows");
    }

    Path orbits() {
        return root.resolve("delta/gold/orbits");
    }
}
