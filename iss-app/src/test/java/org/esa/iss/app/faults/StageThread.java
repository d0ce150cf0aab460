package org.esa.iss.app.faults;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** A pipeline stage on its own thread; whatever it throws is kept for the test to assert on. */
final class StageThread<T> {
    private final Thread thread;
    private final AtomicReference<T> result = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private StageThread(String name, Callable<T> stage) {
        this.thread = new Thread(() -> {
            try {
                result.set(stage.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, name);
        thread.setDaemon(true);
    }

    static <T> StageThread<T> start(String name, Callable<T> stage) {
        StageThread<T> started = new StageThread<>(name, stage);
        started.thread.start();
        return started;
    }

    /** Waits for the stage to end; its result, or an AssertionError carrying what it threw. */
    T join(long seconds) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(seconds));
        if (thread.isAlive()) {
            throw new AssertionError(thread.getName() + " did not end within " + seconds + " s");
        }
        if (failure.get() != null) {
            throw new AssertionError(thread.getName() + " failed: " + failure.get(), failure.get());
        }
        return result.get();
    }

    /** What the stage threw so far, or null. */
    Throwable failure() {
        return failure.get();
    }

    boolean isAlive() {
        return thread.isAlive();
    }
}
