package org.esa.iss.ports.out;

import java.util.List;
import java.util.Optional;

/**
 * A gold table (altitude windows, or orbits). Each commit carries the checkpoint it was produced from,
 * in the same atomic commit as the rows.
 *
 * @param <R> the row type
 */
public interface GoldTable<R> {

    /** The checkpoint of the last commit, empty if nothing was ever committed. */
    Optional<GoldCheckpoint> checkpoint();

    /** Appends rows and the checkpoint atomically. */
    void commit(List<R> rows, GoldCheckpoint checkpoint);
}
