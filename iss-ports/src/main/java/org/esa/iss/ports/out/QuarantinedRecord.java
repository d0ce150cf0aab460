package org.esa.iss.ports.out;

import java.util.Objects;

/**
 * A record that failed parsing or validation, kept byte for byte with the reason.
 *
 * @param raw   the record as the feed delivered it
 * @param error what was wrong, phrased for an operator
 */
public record QuarantinedRecord(RawRecord raw, String error) {
    public QuarantinedRecord {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(error, "error");
    }
}
