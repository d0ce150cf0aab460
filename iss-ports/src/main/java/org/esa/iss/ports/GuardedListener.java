package org.esa.iss.ports;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A caller's listener (a live view, a dashboard), told from a pipeline stage's thread. Its failure must not stop the
 * stage, which would leave a position unpublished or gold's two tables apart: it is logged, the first time with its
 * stack trace, and the stage goes on.
 */
final class GuardedListener<T> implements Consumer<T> {
    private static final Logger LOG = Logger.getLogger(GuardedListener.class.getName());
    private final Consumer<T> listener;
    private final String what;
    private long failures;

    GuardedListener(Consumer<T> listener, String what) {
        this.listener = Objects.requireNonNull(listener, what);
        this.what = what;
    }

    @Override
    public void accept(T value) {
        try {
            listener.accept(value);
        } catch (RuntimeException e) {
            long failed = ++failures;
            if (failed == 1) {
                LOG.log(Level.WARNING, what + " failed; the stage goes on without it (later failures are logged at FINE)", e);
            } else {
                LOG.fine(() -> what + " failed again (" + failed + " times): " + e);
            }
        }
    }
}
