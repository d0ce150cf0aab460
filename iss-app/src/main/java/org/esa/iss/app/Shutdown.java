package org.esa.iss.app;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGTERM / Ctrl-C handling. The hook asks the command to stop, waits until the command has flushed and
 * committed ({@link #done}), then ends the process with status 0: a clean stop is a success, not the 143
 * a JVM reports after a signal.
 */
final class Shutdown {
    /** Longest wait for a clean stop before giving up with status 1. */
    private static final long GRACE_SECONDS = 120;
    /** What a stage's hook says when a signal arrives: a drain can take a while, and further signals do not hurry it. */
    private static final String DRAINING = "iss: stopping: finishing and committing what was read (at most " + GRACE_SECONDS
            + " s); kill -9 stops at once, and the next run resumes from what was committed";
    /** Hooks whose command has not finished yet. */
    private static final Set<Hook> ACTIVE = ConcurrentHashMap.newKeySet();

    private Shutdown() {
    }

    /** A registered hook; pass it to {@link #done} when the command has finished. */
    record Hook(Thread thread, CountDownLatch finished, AtomicBoolean failed, PendingStop stop) {
        /** Ends the command's start-up: from now on a signal runs {@code action} and waits for {@link #done}. */
        void stopWith(Runnable action) {
            stop.set(action);
        }
    }

    /** What a signal stops, once the command's start-up has ended. */
    static final class PendingStop {
        private Runnable action;
        private boolean signalled;

        /** Parks the command for good if a signal came while it started: the process is ending, nothing more starts. */
        synchronized void set(Runnable action) {
            while (signalled) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // keep waiting: the halt is on its way
                }
            }
            this.action = action;
        }

        /** Runs the stop; false while the command is still starting, when there is nothing to stop yet. */
        synchronized boolean stop() {
            signalled = true;
            if (action == null) {
                return false;
            }
            action.run();
            return true;
        }
    }

    /** A hook whose stop is {@code stop}. */
    static Hook onSignal(Runnable stop) {
        return onSignal(stop, DRAINING);
    }

    /** A hook whose stop is {@code stop}, saying {@code stopping} when a signal arrives (a server has nothing to drain). */
    static Hook onSignal(Runnable stop, String stopping) {
        Hook hook = register(stopping);
        hook.stopWith(stop);
        return hook;
    }

    /**
     * A hook registered while the command starts, as the first thing it does after checking its options, so that a
     * signal then ends it at once with status 0 rather than 143: nothing has been read, published or committed yet.
     * (Starting on would not do: once the JVM is shutting down, libraries that register hooks of their own as they
     * start, as Kafka's broker does, fail.) {@link Hook#stopWith} ends the start-up and names what a signal stops.
     */
    static Hook onSignal() {
        return register(DRAINING);
    }

    private static Hook register(String stopping) {
        PendingStop stop = new PendingStop();
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean failed = new AtomicBoolean();
        Thread thread = new Thread(() -> {
            if (!stop.stop()) {
                System.err.println("iss: stopped while starting, before anything was read, published or committed");
                System.err.flush();
                Runtime.getRuntime().halt(0);
            }
            System.err.println(stopping);
            boolean clean;
            try {
                clean = finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
                if (!clean) {
                    System.err.printf("iss: still not stopped %d s after the signal; exiting with status 1 without"
                            + " finishing%n", GRACE_SECONDS);
                }
            } catch (InterruptedException e) {
                clean = false;
            }
            System.err.flush();
            System.out.flush();
            Runtime.getRuntime().halt(clean && !failed.get() ? 0 : 1);
        }, "iss-shutdown");
        Hook hook = new Hook(thread, finished, failed, stop);
        ACTIVE.add(hook);
        Runtime.getRuntime().addShutdownHook(thread);
        return hook;
    }

    /**
     * The command has finished cleanly: release a hook that is waiting, or remove it if no signal came. Call it
     * last, after closing and printing everything: when a signal is being handled, the process ends as soon as
     * the hook is released.
     */
    static void done(Hook hook) {
        ACTIVE.remove(hook);
        hook.finished().countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook.thread());
        } catch (IllegalStateException shuttingDown) {
            // a signal is being handled; the hook ends the process now that it is released
        }
    }

    /** Like {@link #done}, for a command that finished but reports a failure: a waiting hook exits with 1. */
    static void doneWithFailure(Hook hook) {
        hook.failed().set(true);
        done(hook);
    }

    /**
     * The command failed with an exception, so it never reached {@link #done}: release its hook now, marked
     * failed. Otherwise the exit that follows would run the hook, which waits the whole grace period for a
     * finish that never comes.
     */
    static void failed() {
        for (Hook hook : ACTIVE) {
            hook.failed().set(true);
            done(hook);
        }
    }
}
