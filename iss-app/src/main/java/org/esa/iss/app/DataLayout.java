package org.esa.iss.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where everything lives under one data directory (the README's "Tables" and `--data-dir`). */
record DataLayout(Path root) {
    Path kafka() {
        return root.resolve("kafka");
    }

    String bronze() {
        return root.resolve("delta/bronze/iss_telemetry").toString();
    }

    String quarantine() {
        return root.resolve("delta/bronze/iss_quarantine").toString();
    }

    String windows() {
        return root.resolve("delta/gold/altitude_windows").toString();
    }

    String orbits() {
        return root.resolve("delta/gold/orbits").toString();
    }

    /** Whether a Delta table is at {@code tableDir} (one of the paths above): its log directory is there. */
    static boolean holdsTable(Path tableDir) {
        return Files.isDirectory(tableDir.resolve("_delta_log"));
    }
}
