package org.esa.iss.domain;

/** Small factory of fixes for tests. */
final class Fixes {
    static final long ISS = 25544;

    private Fixes() {
    }

    static Fix at(long seconds, double altitudeKm) {
        return new Fix(ISS, seconds * 1_000_000L, 0.0, 0.0, altitudeKm);
    }

    static Fix at(long satelliteId, long micros, double latitude, double altitudeKm) {
        return new Fix(satelliteId, micros, latitude, 0.0, altitudeKm);
    }
}
