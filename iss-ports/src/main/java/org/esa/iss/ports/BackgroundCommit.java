package org.esa.iss.ports;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.esa.iss.ports.out.FeedPartition;

/**
 * Runs the ingester's table commits on a thread of their own, so that reading and parsing the next batch
 * overlaps encoding and committing this one (the two halves of ingestion then use both cores). At most one
 * commit is in flight: commits stay in order, and at most two batches are held in memory.
 */
final class BackgroundCommit implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "iss-ingest-commit");
        t.setDaemon(true);
        return t;
    });
    private Future<Map<FeedPartition, Long>> inFlight;

    /** Starts a commit; the caller must have awaited the previous one. */
    void start(Callable<Map<FeedPartition, Long>> commit) {
        if (inFlight != null) {
            throw new IllegalStateException("a commit is already in flight");
        }
        inFlight = thread.submit(commit);
    }

    /** True when nothing is in flight or the commit in flight has finished (successfully or not). */
    boolean finished() {
        return inFlight == null || inFlight.isDone();
    }

    /**
     * Waits for the commit in flight and returns the positions it committed, or null if none was in flight.
     * A failed commit's exception is rethrown here, on the ingesting thread.
     */
    Map<FeedPartition, Long> await() {
        if (inFlight == null) {
            return null;
        }
        try {
            return inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a table commit was in flight", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            inFlight = null;
        }
    }

    /**
     * Lets a commit in flight finish before returning, also when the ingester is leaving because of an error:
     * a commit must never land after its ingester is gone (a restarted one would not know of it).
     */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES)) {
                throw new IllegalStateException("a table commit did not finish within 10 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
