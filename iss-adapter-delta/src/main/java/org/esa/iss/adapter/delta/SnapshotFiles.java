package org.esa.iss.adapter.delta;

import io.delta.standalone.Snapshot;
import io.delta.standalone.actions.AddFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Something made once per data file of a table's current snapshot (its bounds, or its rows). Data files are
 * immutable, so what was made for a path stays right for as long as the snapshot holds that path: queries between
 * two commits cost a log check, and a new version (about one a second under {@code iss run}) costs one
 * {@code describe} per file it added.
 *
 * @param <S> what is kept per file
 */
final class SnapshotFiles<S> {
    private final TableLog log;
    private final Function<String, S> describe;
    private long version = Long.MIN_VALUE;
    private Map<String, S> files = Map.of();

    /**
     * @param describe makes the entry of a data file, given its path relative to the table
     */
    SnapshotFiles(TableLog log, Function<String, S> describe) {
        this.log = log;
        this.describe = describe;
    }

    /** The entries of the current snapshot's data files, in no particular order. */
    synchronized List<S> current() {
        Snapshot snapshot = log.latest();
        if (snapshot.getVersion() != version) {
            Map<String, S> current = new HashMap<>();
            if (snapshot.getVersion() >= 0) {
                for (AddFile file : snapshot.getAllFiles()) {
                    S known = files.get(file.getPath());
                    current.put(file.getPath(), known != null ? known : describe.apply(file.getPath()));
                }
            }
            files = current;
            version = snapshot.getVersion();
        }
        return List.copyOf(files.values());
    }
}
