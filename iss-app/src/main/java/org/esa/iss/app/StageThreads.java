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
                synchronized (this) {
                    if (failure == null) {
                        failedStage = name;
                        failure = e;
                    } else {
                        failure.addSuppressed(e); // its trace goes with the first's, under ISS_DEBUG
                    }
                }
                // the trace comes with the command's error line, under ISS_DEBUG
                LOG.error("stage {} failed: {}", name, e.getMessage() != null ? e.getMessage() : e.toString());
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

    /** Waits for one stage thread to finish. */
    static void join(Thread thread, long seconds) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(seconds));
    }

    Thread thread(String name) {
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
