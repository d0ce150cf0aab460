package org.esa.iss.domain;

import java.time.Instant;

/**
 * The part of a telemetry record that altitude and orbit aggregation needs. A value out of range is refused
 * with an {@link InvalidTelemetry} naming the API field it comes from ({@code timestamp} for the event time).
 *
 * @param satelliteId  NORAD catalogue number
 * @param eventMicros  event time in microseconds since the unix epoch (UTC), up to the end of year 9999
 * @param latitude     geodetic latitude, degrees
 * @param longitude    longitude, degrees
 * @param altitudeKm   height above the ellipsoid, kilometres
 */
public record Fix(long satelliteId, long eventMicros, double latitude, double longitude, double altitudeKm) {

    /** The last microsecond of {@link Telemetry#LAST_STORABLE_SECOND}: the latest event time a fix can have. */
    public static final long LAST_EVENT_MICROS = (Telemetry.LAST_STORABLE_SECOND + 1) * 1_000_000L - 1;

    public Fix {
        if (satelliteId <= 0) {
            throw new InvalidTelemetry("id", satelliteId, "satellite id must be a positive NORAD catalogue number");
        }
        if (eventMicros < 0 || eventMicros > LAST_EVENT_MICROS) {
            throw new InvalidTelemetry("timestamp", eventMicros, "event time must be microseconds from 1970 to the end of 9999");
        }
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
