/**
 * The ISS telemetry domain: validated position fixes ({@link org.esa.iss.domain.Telemetry}), the API's
 * record format ({@link org.esa.iss.domain.TelemetryJson}), event-time altitude windows and orbits
 * ({@link org.esa.iss.domain.AltitudeAggregator}) and their saved state. Depends on {@code java.base} only.
 */
package org.esa.iss.domain;
