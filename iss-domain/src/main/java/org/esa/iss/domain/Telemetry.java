package org.esa.iss.domain;

import java.time.Instant;

/**
 * One position fix of a satellite as the ground-control API reports it.
 *
 * <p>Lengths ({@code altitude}, {@code footprint}) are in {@link #units()}, {@code velocity} in
 * {@code units} per hour, exactly as received; the {@code ...Km} accessors convert. Angles are degrees:
 * {@code latitude} in [-90, 90], {@code longitude} in [-180, 180], the sub-solar point's
 * {@code solarLatitude} in [-90, 90] and {@code solarLongitude} in [-180, 360] (the API reports it in
 * [0, 360) east). {@code timestamp} is the event time in unix seconds, from 1970 to the end of 9999 (what
 * Spark's and Delta's timestamps hold); {@code dayNumber} the Julian day.
 *
 * <p>Construction validates every field and throws {@link InvalidTelemetry} naming the first one
 * that is wrong; nothing is clamped.
 */
public record Telemetry(
        long satelliteId,
        String name,
        double latitude,
        double longitude,
        double altitude,
        double velocity,
        Visibility visibility,
        double footprint,
        long timestamp,
        double dayNumber,
        double solarLatitude,
        double solarLongitude,
        Units units) {

    /**
     * 9999-12-31T23:59:59Z: the last second a Spark or Delta timestamp holds, far inside what the microsecond
     * event times of {@link #toFix()} can hold.
     */
    public static final long LAST_STORABLE_SECOND = 253_402_300_799L;

    public Telemetry {
        if (satelliteId <= 0) {
            throw new InvalidTelemetry("id", satelliteId, "satellite id must be a positive NORAD catalogue number");
        }
        if (name == null || name.isBlank()) {
            throw new InvalidTelemetry("name", name, "satellite name is required");
        }
        requireInRange("latitude", latitude, -90, 90);
        requireInRange("longitude", longitude, -180, 180);
        requireFinite("altitude", altitude);
        if (altitude <= 0) {
            throw new InvalidTelemetry("altitude", altitude, "altitude must be above the ellipsoid (> 0)");
        }
        requireFinite("velocity", velocity);
        if (velocity < 0) {
            throw new InvalidTelemetry("velocity", velocity, "speed cannot be negative");
        }
        if (visibility == null) {
            throw new InvalidTelemetry("visibility", null, "visibility is required");
        }
        requireFinite("footprint", footprint);
        if (footprint < 0) {
            throw new InvalidTelemetry("footprint", footprint, "footprint diameter cannot be negative");
        }
        if (timestamp < 0 || timestamp > LAST_STORABLE_SECOND) {
            throw new InvalidTelemetry("timestamp", timestamp, "timestamp must be unix seconds from 1970 to the end of 9999");
        }
        requireFinite("daynum", dayNumber);
        requireInRange("solar_lat", solarLatitude, -90, 90);
        requireInRange("solar_lon", solarLongitude, -180, 360);
        if (units == null) {
            throw new InvalidTelemetry("units", null, "units are required");
        }
        // A length near Double.MAX_VALUE in miles is finite but overflows in km; gold reads bronze in km, so
        // such a record would be stored and then stop gold on every run instead of being quarantined here.
        requireFiniteInKilometres("altitude", altitude, units);
        requireFiniteInKilometres("velocity", velocity, units);
        requireFiniteInKilometres("footprint", footprint, units);
    }

    /** Altitude above the ellipsoid in kilometres. */
    public double altitudeKm() {
        return units.toKilometres(altitude);
    }

    /** Inertial speed in kilometres per hour. */
    public double velocityKmh() {
        return units.toKilometres(velocity);
    }

    /** Diameter of the visibility circle in kilometres. */
    public double footprintKm() {
        return units.toKilometres(footprint);
    }

    /** The event time this fix describes. */
    public Instant eventTime() {
        return Instant.ofEpochSecond(timestamp);
    }

    /** The subset the aggregators need: who, when, where and how high (km). */
    public Fix toFix() {
        return new Fix(satelliteId, Math.multiplyExact(timestamp, 1_000_000L), latitude, longitude, altitudeKm());
    }

    private static void requireFinite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidTelemetry(field, value, "must be a finite number");
        }
    }

    private static void requireFiniteInKilometres(String field, double value, Units units) {
        if (!Double.isFinite(units.toKilometres(value))) {
            throw new InvalidTelemetry(field, value, "must stay a finite number once converted from " + units.apiName()
                    + " to kilometres");
        }
    }

    private static void requireInRange(String field, double value, double min, double max) {
        requireFinite(field, value);
        if (value < min || value > max) {
            throw new InvalidTelemetry(field, value, "must be within [" + min + ", " + max + "] degrees");
        }
    }
}
