package org.esa.iss.adapter.http;

/**
 * Position (km) and velocity (km/s) in the TEME frame, the frame SGP4 answers in.
 */
record TemeState(double x, double y, double z, double vx, double vy, double vz) {
    TemeState {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)
                || !Double.isFinite(vx) || !Double.isFinite(vy) || !Double.isFinite(vz)) {
            throw new IllegalStateException("SGP4 produced a non-finite state");
        }
    }

    /** Inertial speed, km/s. */
    double speedKmPerSecond() {
        return Math.sqrt(vx * vx + vy * vy + vz * vz);
    }
}
