package org.esa.iss.ports.out;

import java.util.List;
import java.util.Map;

/**
 * A table that remembers, in the same atomic commit as its rows, the last feed offset it holds for each
 * partition. Those positions, not the broker's consumer groups, decide where ingestion resumes.
 *
 * <p>Ownership of a partition is per handle: each writer (an ingester, another process) uses a handle of its own,
 * and a handle refuses to commit positions for a partition another handle positioned since it read
 * {@link #lastOffsets}. A call that throws leaves the table as it was; the services never retry a call.
 *
 * @param <R> the row type
 */
public interface PositionedTable<R> {

    /**
     * The last offset written per partition, by any writer. The first call on a handle may read the whole table
     * state; later ones need only read what was committed since, as the ingester does after each rebalance. The
     * caller resumes from what it read, so reading also ends this handle's refusal of partitions others positioned.
     */
    Map<FeedPartition, Long> lastOffsets();

    /**
     * Appends rows and records {@code lastOffsets} in one atomic commit: after a crash either both are
     * visible or neither. Rows may be empty to move positions forward alone.
     *
     * @throws ConcurrentOwnership if another writer recorded a position for one of these partitions
     *                             since this writer read them (ownership moved; the caller must re-read)
     */
    void append(List<R> rows, Map<FeedPartition, Long> lastOffsets);

    /**
     * Starts an append whose rows arrive in pieces, while they are read, and become visible together with
     * the positions at {@link Batch#commit}. Adapters that can encode rows on arrival override this so that
     * a large batch never sits in memory as objects; the default collects the rows for {@link #append}.
     */
    default Batch<R> startBatch() {
        return new CollectedBatch<>(this);
    }

    /**
     * Rows handed over piece by piece, invisible to readers until committed. Used by one thread at a time;
     * after {@code commit} or {@code discard} it is finished.
     */
    interface Batch<R> {

        /** Adds rows, in order; the adapter may write them out now. */
        void add(List<R> rows);

        /** Commits every row added and {@code lastOffsets} atomically, as {@link #append} does. */
        void commit(Map<FeedPartition, Long> lastOffsets);

        /** Drops the rows added; nothing becomes visible (files already written stay unreferenced). */
        void discard();
    }

    /** Another writer committed positions for a partition this writer thought it owned. */
    final class ConcurrentOwnership extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConcurrentOwnership(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
