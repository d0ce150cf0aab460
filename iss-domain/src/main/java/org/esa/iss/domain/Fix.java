package org.esa.iss.domain;

import java.time.Instant;

/**
 * The part of a telemetry record that altitude and orbit aggregation needs.
 *
 * @param satelliteId  NORAD catalogue number
 * @param eventMicros  event time in microseconds since the unix epoch (UTC)
 * @param latitude     geodetic latitude, degrees
 * @param longitude    longitude, degrees
 * @param altitudeKm   height above the ellipsoid, kilometres
 */
public record Fix(long satelliteId, long eventMicros, double latitude, double longitude, double altitudeKm) {

    public Fix {
        if (!Double.isFinite(latitude) || latitude < -90 || latitude > 90) {
            throw new InvalidTelemetry("latitude", latitude, "must be within [-90, 90] degrees");
        }
        if (!Double.isFinite(longitude) || longitude < -180 || longitude > 180) {
            throw new InvalidTelemetry("longitude", longitude, "must be within [-180, 180] degrees");
        }
        if (!Double.isFinite(altitudeKm) || altitudeKm <= 0) {
            throw new InvalidTelemetry("altitude", altitudeKm, "must be a finite height above the ellipsoid (> 0 km)");
        }
    }

    /** The event time as an instant. */
    public Instant eventTime() {
        return Micros.toInstant(eventMicros);
    }
}
