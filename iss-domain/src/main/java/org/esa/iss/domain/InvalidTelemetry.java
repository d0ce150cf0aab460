package org.esa.iss.domain;

/**
 * A telemetry record that cannot be accepted: a field is missing, has the wrong type or holds a value
 * outside its physical range. The message names the field, the rejected value and the rule, so that
 * a quarantined record explains itself. Values are never clamped into range.
 */
public final class InvalidTelemetry extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String rejectedValue;
    private final String reason;

    /**
     * @param field         the API field name, or {@code "record"} when the record as a whole is malformed
     * @param rejectedValue the offending value as text (may be {@code null} when the field is missing)
     * @param reason        the rule that was broken, phrased for an operator
     */
    public InvalidTelemetry(String field, Object rejectedValue, String reason) {
        this(field, rejectedValue, reason, "", null);
    }

    /** The same failure told with where in the document it was ({@code " in {...}"}): the message says it, not the reason. */
    InvalidTelemetry(InvalidTelemetry failure, String where) {
        this(failure.field, failure.rejectedValue, failure.reason, where, failure);
    }

    private InvalidTelemetry(String field, Object rejectedValue, String reason, String where, Throwable cause) {
        super(field + ": " + reason + where + (rejectedValue == null ? "" : " (got " + abbreviate(String.valueOf(rejectedValue)) + ")"),
                cause);
        this.field = field;
        this.rejectedValue = rejectedValue == null ? null : String.valueOf(rejectedValue);
        this.reason = reason;
    }

    /** The API field that failed, or {@code "record"} for a malformed document. */
    public String field() {
        return field;
    }

    /** The rejected value as text, or {@code null} if the field was absent. */
    public String rejectedValue() {
        return rejectedValue;
    }

    /** The rule that was broken, without the field and the value. */
    public String reason() {
        return reason;
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
