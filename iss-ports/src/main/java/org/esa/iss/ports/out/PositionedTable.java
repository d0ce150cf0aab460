package org.esa.iss.ports.out;

import java.util.List;
import java.util.Map;

/**
 * A table that remembers, in the same atomic commit as its rows, the last feed offset it holds for each
 * partition. Those positions, not the broker's consumer groups, decide where ingestion resumes.
 *
 * @param <R> the row type
 */
public interface PositionedTable<R> {

    /**
     * The last offset written per partition. Expensive on large tables: call it at start, then keep
     * track of what you append.
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

    /** Another writer committed positions for a partition this writer thought it owned. */
    final class ConcurrentOwnership extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConcurrentOwnership(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
