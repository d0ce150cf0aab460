package org.esa.iss.ports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.esa.iss.ports.out.FeedPartition;

/**
 * The ingester's second thread. It runs the tasks the ingesting thread hands over (parse and write a chunk of
 * records into the open batch, commit a batch) in order, while that thread reads what comes next: the two
 * halves of ingestion run on both cores. A bounded number of tasks may wait (the reader blocks when the writer
 * falls behind), so memory stays flat. Once a task fails, the ones queued after it are skipped and the
 * failure is rethrown to the ingesting thread at its next call.
 */
final class IngestPipeline implements AutoCloseable {
    /**
     * Enough that the reader keeps reading and parsing while the writer commits (finishing a batch's files takes
     * tens of milliseconds, tens of thousands of records' worth of reading), and through its own waits for the
     * next fetch. Memory stays small all the same: at most four waiting tasks hold unparsed records, about 1 KB
     * each with Kafka's objects (see IngestService.handOver); the others hold parsed rows of about 200 bytes
     * (records bound for quarantine keep their raw bytes, as the open batch does until its commit).
     */
    private static final int MAX_WAITING_TASKS = 32;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "iss-ingest-writer");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore room = new Semaphore(MAX_WAITING_TASKS);
    private final Deque<PendingCommit> commits = new ArrayDeque<>();
    private volatile Throwable failure;

    private record PendingCommit(Future<?> done, Map<FeedPartition, Long> positions, long records) {
    }

    /** Queues work on the writer thread (waits while the queue is full). */
    void submit(Runnable task) {
        run(task);
    }

    /** Tasks queued and not yet finished, the running one included. */
    int waiting() {
        return MAX_WAITING_TASKS - room.availablePermits();
    }

    /** Queues a commit of {@code records} read up to {@code positions}; {@link #finished} reports it once it has landed. */
    void commit(Runnable task, Map<FeedPartition, Long> positions, long records) {
        commits.add(new PendingCommit(run(task), positions, records));
    }

    /** The records of the commits queued and not yet reported by {@link #finished}. */
    long pendingRecords() {
        long records = 0;
        for (PendingCommit commit : commits) {
            records += commit.records();
        }
        return records;
    }

    /** Positions of the commits that have landed since the last call, oldest first. */
    List<Map<FeedPartition, Long>> finished() {
        List<Map<FeedPartition, Long>> landed = new ArrayList<>();
        while (!commits.isEmpty() && commits.peekFirst().done().isDone()) {
            landed.add(outcome(commits.pollFirst()));
        }
        rethrowFailure();
        return landed;
    }

    /** Waits until everything queued has run; returns the positions of the commits among it, oldest first. */
    List<Map<FeedPartition, Long>> awaitAll() {
        outcome(new PendingCommit(run(() -> { }), Map.of(), 0));
        return finished();
    }

    private Future<?> run(Runnable task) {
        rethrowFailure();
        try {
            room.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the ingest writer", e);
        }
        return thread.submit(() -> {
            try {
                if (failure == null) {
                    task.run();
                }
            } catch (Throwable e) { // checked ones too: Delta's Scala code throws its log store's IOException undeclared
                failure = e;
            } finally {
                room.release();
            }
        });
    }

    private Map<FeedPartition, Long> outcome(PendingCommit commit) {
        try {
            commit.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the ingest writer", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        rethrowFailure();
        return commit.positions();
    }

    /**
     * The writer's failure, as it was thrown there (callers and tests see the original exception type); a checked
     * one, which no task declares, wrapped.
     */
    private void rethrowFailure() {
        Throwable t = failure;
        if (t instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        if (t instanceof IOException io) {
            throw new UncheckedIOException(io.getMessage(), io);
        }
        if (t != null) {
            throw new IllegalStateException(t.getMessage(), t);
        }
    }

    /**
     * Lets queued work finish before returning, also when the ingester is leaving because of an error: a
     * commit must never land after its ingester is gone (a restarted one would not know of it).
     */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the ingest writer did not finish within 10 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
