package org.esa.iss.adapter.kafka;

/** The error for a Kafka call the cluster never answered: where the cluster was looked for, and what to check. */
final class NoAnswer {

    private NoAnswer() {
    }

    /**
     * @param what            what could not be done, e.g. "cannot create topic iss"
     * @param bootstrapServers where the cluster was looked for
     * @param cause           the client's timeout, kept as the cause
     */
    static IllegalStateException from(String what, String bootstrapServers, Throwable cause) {
        return from(what, bootstrapServers, cause, "");
    }

    /** The same, with {@code more} to check once the broker is known to be there (empty for nothing more). */
    static IllegalStateException from(String what, String bootstrapServers, Throwable cause, String more) {
        String detail = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new IllegalStateException(what + ": no answer from Kafka at " + bootstrapServers + " (" + detail
                + "); check the bootstrap servers, and that a broker is running there and reachable from here"
                + (more.isEmpty() ? "" : "; " + more), cause);
    }
}
