package org.esa.iss.app;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A stage's running totals, printed every so often while it works: a drain of a large backlog, or a stage that
 * runs for days, shows that it moves. Quiet while nothing changes, so an idle stage does not fill its log.
 */
final class ProgressReport implements AutoCloseable {
    /** Between lines while draining a backlog ({@code --until-caught-up}): a person is waiting for it. */
    private static final Duration DRAINING = Duration.ofSeconds(10);
    /** Between lines of a stage that follows its input: a heartbeat for its log. */
    private static final Duration FOLLOWING = Duration.ofMinutes(1);

    private final ScheduledExecutorService timer;
    /** The work at the last line printed (or at the start): touched by the timer's thread only, after that. */
    private long lastWork;

    /**
     * @param work how much is done so far; a line is printed only when it has changed since the last one
     * @param line the line to print, e.g. the stage's summary so far
     */
    private ProgressReport(Duration interval, LongSupplier work, Supplier<String> line, PrintStream out) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "iss-progress");
            thread.setDaemon(true);
            return thread;
        });
        lastWork = work.getAsLong();
        timer.scheduleAtFixedRate(() -> {
            long now = work.getAsLong();
            if (now != lastWork) {
                lastWork = now;
                out.println(line.get() + " so far");
            }
        }, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Starts printing {@code line}, then "so far", to {@code out} every {@code interval} in which {@code work} changed. */
    static ProgressReport every(Duration interval, LongSupplier work, Supplier<String> line, PrintStream out) {
        return new ProgressReport(interval, work, line, out);
    }

    /**
     * A stage's report on stderr: every {@link #DRAINING} interval while it drains a backlog ({@code --until-caught-up}),
     * every {@link #FOLLOWING} interval while it follows its input.
     */
    static ProgressReport ofStage(boolean untilCaughtUp, LongSupplier work, Supplier<String> line) {
        return every(untilCaughtUp ? DRAINING : FOLLOWING, work, line, System.err);
    }

    /** A one-off job's report on stderr (a compaction, say), every {@link #DRAINING} interval: a person is waiting. */
    static ProgressReport whileWaitedFor(LongSupplier work, Supplier<String> line) {
        return every(DRAINING, work, line, System.err);
    }

    /** Stops printing; a line being printed is finished first, so that it does not run into the final summary. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
