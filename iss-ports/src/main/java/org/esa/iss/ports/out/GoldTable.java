package org.esa.iss.ports.out;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A gold table (altitude windows, or orbits). Each commit carries the checkpoint it was produced from,
 * in the same atomic commit as the rows.
 *
 * @param <R> the row type
 */
public interface GoldTable<R> {

    /**
     * The checkpoint of the last commit, empty if nothing was ever committed.
     *
     * @throws IllegalStateException if the table holds commits but their checkpoint is gone or cannot be read: refining
     *                               from the start would write its rows again
     */
    Optional<GoldCheckpoint> checkpoint();

    /**
     * Appends rows and the checkpoint atomically.
     *
     * @throws IllegalStateException when the table already holds this bronze version or a later one, or when
     *                               another writer committed since this handle last read {@link #checkpoint()} or
     *                               committed (another refiner: nothing is written twice, and rows refined from a
     *                               state that is not the table's are not written at all)
     */
    void commit(List<R> rows, GoldCheckpoint checkpoint);

    /**
     * Starts one commit whose rows come in parts, for more rows than fit in memory at once (gold built from
     * bronze's snapshot). This default holds them all until the commit; a table that can write them ahead, invisible
     * until the commit, does so.
     */
    default Staged<R> stage() {
        List<R> rows = new ArrayList<>();
        return new Staged<>() {
            @Override
            public void add(List<R> part) {
                rows.addAll(part);
            }

            @Override
            public void commit(GoldCheckpoint checkpoint) {
                GoldTable.this.commit(rows, checkpoint);
            }

            @Override
            public void abandon() {
                rows.clear();
            }
        };
    }

    /** The rows of one commit, added in parts; none is visible before {@link #commit}. */
    interface Staged<R> {
        void add(List<R> rows);

        /** Commits every row added, with the checkpoint, atomically. */
        void commit(GoldCheckpoint checkpoint);

        /**
         * Drops every row added, written ahead or not, for a commit that will not happen; after {@link #commit} it
         * drops nothing. It does not throw: a file it cannot delete is left for a vacuum.
         */
        void abandon();
    }
}
