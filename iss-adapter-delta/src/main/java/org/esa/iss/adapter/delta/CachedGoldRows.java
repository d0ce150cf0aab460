package org.esa.iss.adapter.delta;

import io.delta.standalone.Snapshot;
import io.delta.standalone.actions.AddFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.parquet.example.data.Group;

/**
 * A gold table's rows, decoded once per data file and summarised once per file. Queries between two gold
 * commits cost a log check; a new version (about one a second under {@code iss run}) costs reading only the files
 * it added, and a query then works on the files' summaries. A compaction is the exception: it rewrites the small
 * files, an earlier compacted one under {@link AutoCompaction#TARGET_FILE_BYTES} included, into a new file, which
 * is decoded whole once (gold compacts itself every {@link DeltaTableOptions#autoCompactAfterFiles()} files);
 * until it is, the old files stay cached too.
 *
 * @param <R> a decoded row
 * @param <S> what queries need of one file's rows (for example its rows sorted, and its highest)
 */
final class CachedGoldRows<R, S> {
    private final TableLog log;
    private final Function<Group, R> decode;
    private final Function<List<R>, S> summarise;
    private long version = Long.MIN_VALUE;
    private Map<String, S> files = Map.of();

    CachedGoldRows(TableLog log, Function<Group, R> decode, Function<List<R>, S> summarise) {
        this.log = log;
        this.decode = decode;
        this.summarise = summarise;
    }

    /** The summaries of the current snapshot's data files, in no particular order. */
    synchronized List<S> files() {
        Snapshot snapshot = log.latest();
        if (snapshot.getVersion() != version) {
            Map<String, S> current = new HashMap<>();
            if (snapshot.getVersion() >= 0) {
                for (AddFile file : snapshot.getAllFiles()) {
                    S known = files.get(file.getPath()); // data files are immutable: a known path is unchanged
                    current.put(file.getPath(), known != null ? known : read(file.getPath()));
                }
            }
            files = current;
            version = snapshot.getVersion();
        }
        return List.copyOf(files.values());
    }

    private S read(String path) {
        List<R> rows = new ArrayList<>();
        GoldRows.read(log.storage(), path, decode, rows);
        return summarise.apply(rows);
    }
}
