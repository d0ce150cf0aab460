package org.esa.iss.ports;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.esa.iss.domain.Fix;
import org.esa.iss.ports.out.BronzeChangeLog;

/**
 * Reads the next bronze version on a thread of its own while the refiner aggregates the current one, so
 * that decoding bronze and aggregating use both cores. Versions are read in order, at most one ahead.
 */
final class FixPrefetch implements AutoCloseable {
    private final BronzeChangeLog bronze;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "iss-refine-reader");
        t.setDaemon(true);
        return t;
    });
    private Future<List<Fix>> ahead;
    private long aheadVersion = -1;

    FixPrefetch(BronzeChangeLog bronze) {
        this.bronze = bronze;
    }

    /** The fixes added in {@code version}; starts reading {@code next} first, unless it is negative. */
    List<Fix> fixesAddedIn(long version, long next) {
        Future<List<Fix>> current = ahead != null && aheadVersion == version ? ahead : null;
        if (current == null) {
            settleAhead();
        }
        ahead = null;
        List<Fix> fixes = current != null ? join(current) : bronze.fixesAddedIn(version);
        if (next >= 0) {
            aheadVersion = next;
            ahead = thread.submit(() -> bronze.fixesAddedIn(next));
        }
        return fixes;
    }

    /** Lets a read of a version no longer wanted finish (the change log reads in order) and forgets it. */
    private void settleAhead() {
        if (ahead != null) {
            try {
                ahead.get();
            } catch (ExecutionException ignored) {
                // the version is read again if it is wanted; its error then surfaces there
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ahead = null;
        }
    }

    private static List<Fix> join(Future<List<Fix>> read) {
        try {
            return read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading bronze", e);
        } catch (ExecutionException e) {
            // rethrown as thrown (BronzeHistoryMissing must reach the caller as itself)
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
