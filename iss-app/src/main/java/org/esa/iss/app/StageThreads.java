package org.esa.iss.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the stages of {@code iss run} on their own threads and reports the first one to end. */
final class StageThreads {
    private static final Logger LOG = LoggerFactory.getLogger(StageThreads.class);

    private final List<Thread> threads = new ArrayList<>();
    private final LinkedBlockingQueue<String> ended = new LinkedBlockingQueue<>();
    private volatile Throwable failure;
    private volatile String failedStage;

    void start(String name, Callable<?> stage) {
        Thread thread = new Thread(() -> {
            try {
                stage.call();
            } catch (Throwable e) {
                failed(name, e);
            } finally {
                ended.add(name);
            }
        }, "iss-" + name);
        threads.add(thread);
        thread.start();
    }

    /** Blocks until some stage ends; returns its name. */
    String awaitAnyEnd() throws InterruptedException {
        return ended.take();
    }

    private synchronized void failed(String name, Throwable e) {
        if (failure == null) {
            failedStage = name;
            failure = e;
        } else {
            failure.addSuppressed(e); // its trace goes with the first's, under ISS_DEBUG
        }
        // the trace comes with the command's error line, under ISS_DEBUG
        LOG.error("stage {} failed: {}", name, e.getMessage() != null ? e.getMessage() : e.toString());
    }

    /** Waits at most {@code seconds} for a stage to end. */
    void join(String name, long seconds) throws InterruptedException {
        thread(name).join(millis(seconds));
    }

    /**
     * Waits at most {@code seconds} for a stage to end. One still running is then stopped, which commits what it has
     * read; if it does not end within {@code stopSeconds} more either, it counts as failed, so that the run does
     * not report a clean stop.
     *
     * @return whether the stage ended by itself, without being stopped
     */
    boolean joinOrStop(String name, long seconds, Runnable stop, long stopSeconds) throws InterruptedException {
        Thread thread = thread(name);
        thread.join(millis(seconds));
        if (!thread.isAlive()) {
            return true;
        }
        LOG.warn("stage {} has not finished within {} s; stopping it with what it has read", name, seconds);
        stop.run();
        thread.join(millis(stopSeconds));
        if (thread.isAlive()) {
            failed(name, new IllegalStateException("still running " + (seconds + stopSeconds) + " s after it was asked to"
                    + " finish; what it committed stays, and the next run goes on from there"));
        }
        return false;
    }

    /** A join's bound in milliseconds; never 0, which {@link Thread#join(long)} takes for no bound. */
    private static long millis(long seconds) {
        return Math.max(1, TimeUnit.SECONDS.toMillis(seconds));
    }

    /** Whether a stage's thread is still running. */
    boolean running(String name) {
        return thread(name).isAlive();
    }

    private Thread thread(String name) {
        return threads.stream().filter(t -> t.getName().equals("iss-" + name)).findFirst().orElseThrow();
    }

    /** The first failure of any stage, or null. */
    Throwable failure() {
        return failure;
    }

    /** The stage that failed first, or null. */
    String failedStage() {
        return failedStage;
    }
}
