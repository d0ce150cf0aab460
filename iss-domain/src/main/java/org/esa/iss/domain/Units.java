package org.esa.iss.domain;

/**
 * Length units the ground-control API reports in ({@code units=kilometers|miles}).
 * Speeds follow the same unit per hour.
 */
public enum Units {
    KILOMETERS("kilometers", 1.0),
    MILES("miles", 1.609344);

    private final String apiName;
    private final double kilometresPerUnit;

    Units(String apiName, double kilometresPerUnit) {
        this.apiName = apiName;
        this.kilometresPerUnit = kilometresPerUnit;
    }

    /** The spelling used by the API's {@code units} field and query parameter. */
    public String apiName() {
        return apiName;
    }

    /** Converts a length (or a speed per hour) in these units to kilometres (per hour). */
    public double toKilometres(double value) {
        return value * kilometresPerUnit;
    }

    /** {@code values()} copies its array on every call; parsing looks names up once per record. */
    private static final Units[] ALL = values();

    /**
     * Parses the API spelling.
     *
     * @throws InvalidTelemetry if the name is not one the API uses
     */
    public static Units fromApiName(String name) {
        for (Units units : ALL) {
            if (units.apiName.equals(name)) {
                return units;
            }
        }
        throw new InvalidTelemetry("units", name, "unknown units; expected kilometers or miles");
    }
}
