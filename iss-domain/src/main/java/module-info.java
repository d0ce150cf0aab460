/** The ISS telemetry domain model; pure Java, no dependencies. */
module org.esa.iss.domain {
    exports org.esa.iss.domain;
}
