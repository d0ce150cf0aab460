package org.esa.iss.ports.in;

/**
 * The feed's log ends before the position bronze committed: the broker lost records it had acknowledged, and reading
 * on would skip the records published next. The ingester stops; the message says what happened and what to do.
 */
public final class LogTruncated extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public LogTruncated(String message) {
        super(message);
    }
}
