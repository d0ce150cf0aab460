package org.esa.iss.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM / Ctrl-C handling. The hook asks the command to stop, waits until the command has flushed and
 * committed ({@link #done}), then ends the process with status 0: a clean stop is a success, not the 143
 * a JVM reports after a signal.
 */
final class Shutdown {
    /** Longest wait for a clean stop before giving up with status 1. */
    private static final long GRACE_SECONDS = 120;

    private Shutdown() {
    }

    /** A registered hook; pass it to {@link #done} when the command has finished. */
    record Hook(Thread thread, CountDownLatch finished) {
    }

    static Hook onSignal(Runnable stop) {
        CountDownLatch finished = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            stop.run();
            boolean clean;
            try {
                clean = finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                clean = false;
            }
            System.err.flush();
            System.out.flush();
            Runtime.getRuntime().halt(clean ? 0 : 1);
        }, "iss-shutdown");
        Runtime.getRuntime().addShutdownHook(thread);
        return new Hook(thread, finished);
    }

    /** The command has finished cleanly: release a hook that is waiting, or remove it if no signal came. */
    static void done(Hook hook) {
        hook.finished().countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook.thread());
        } catch (IllegalStateException shuttingDown) {
            // a signal is being handled; the hook ends the process now that it is released
        }
    }
}
