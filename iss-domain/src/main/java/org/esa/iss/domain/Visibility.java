package org.esa.iss.domain;

/** Whether the station is sunlit ({@code daylight}) or in Earth's shadow ({@code eclipsed}). */
public enum Visibility {
    DAYLIGHT("daylight"),
    ECLIPSED("eclipsed");

    private final String apiName;

    Visibility(String apiName) {
        this.apiName = apiName;
    }

    /** The spelling used by the API's {@code visibility} field. */
    public String apiName() {
        return apiName;
    }

    /** {@code values()} copies its array on every call; parsing looks names up once per record. */
    private static final Visibility[] ALL = values();

    /**
     * Parses the API spelling.
     *
     * @throws InvalidTelemetry if the value is not one the API uses
     */
    public static Visibility fromApiName(String name) {
        for (Visibility visibility : ALL) {
            if (visibility.apiName.equals(name)) {
                return visibility;
            }
        }
        throw new InvalidTelemetry("visibility", name, "unknown visibility; expected daylight or eclipsed");
    }
}
