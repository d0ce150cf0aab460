package org.esa.iss.app;

import java.util.logging.LogManager;

/**
 * {@code java.util.logging}'s manager without the reset the JVM's own shutdown hook makes: that reset removes the
 * bridge to SLF4J while a signal's shutdown is still draining and committing, so the ports' warnings of those
 * seconds would be lost. Installed by {@link IssCommand#main} before anything uses the logging API.
 */
public final class ShutdownSafeLogManager extends LogManager {
    /** The name the JDK gives its logging shutdown hook's thread. */
    private static final String JDK_CLEANER_THREAD = "Logging-Cleaner";

    @Override
    public void reset() {
        if (!JDK_CLEANER_THREAD.equals(Thread.currentThread().getName())) {
            super.reset();
        }
    }
}
