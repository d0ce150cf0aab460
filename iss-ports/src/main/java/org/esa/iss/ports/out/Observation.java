package org.esa.iss.ports.out;

import java.time.Instant;
import java.util.Objects;
import org.esa.iss.domain.Telemetry;

/**
 * A position as fetched: the validated telemetry and the exact bytes the source sent, which are what
 * gets published (the topic carries the API's JSON unchanged).
 *
 * @param telemetry the parsed, validated record
 * @param json      the API's JSON object, byte for byte
 * @param source    {@code api}, {@code api-backfill} or {@code simulator}
 * @param fetchedAt when the response arrived
 */
public record Observation(Telemetry telemetry, byte[] json, String source, Instant fetchedAt) {
    public Observation {
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    /** The same observation marked with another source (for example {@code api-backfill}). */
    public Observation withSource(String newSource) {
        return new Observation(telemetry, json, newSource, fetchedAt);
    }
}
