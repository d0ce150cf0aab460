package org.esa.iss.adapter.delta;

import io.delta.standalone.Snapshot;
import io.delta.standalone.actions.AddFile;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.parquet.example.data.Group;

/**
 * A gold table's rows, decoded once per table version: queries between two gold commits (the dashboard
 * asks every few seconds, gold commits about once a second) cost a log check instead of reading every file.
 */
final class CachedGoldRows<R> {
    private final TableLog log;
    private final Function<Group, R> decode;
    private long version = Long.MIN_VALUE;
    private List<R> rows = List.of();

    CachedGoldRows(TableLog log, Function<Group, R> decode) {
        this.log = log;
        this.decode = decode;
    }

    synchronized List<R> rows() {
        Snapshot snapshot = log.latest();
        if (snapshot.getVersion() != version) {
            List<R> fresh = new ArrayList<>();
            if (snapshot.getVersion() >= 0) {
                for (AddFile file : snapshot.getAllFiles()) {
                    GoldRows.read(log.storage(), file.getPath(), decode, fresh);
                }
            }
            rows = List.copyOf(fresh);
            version = snapshot.getVersion();
        }
        return rows;
    }
}
