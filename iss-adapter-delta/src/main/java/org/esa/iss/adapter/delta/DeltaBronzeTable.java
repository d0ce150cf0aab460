package org.esa.iss.adapter.delta;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.BronzeTable;
import org.esa.iss.ports.out.FeedPartition;

/**
 * The bronze table {@code iss_telemetry} as a Delta table (created on first append). Each append writes
 * one Parquet file per event date and commits it with one {@code SetTransaction} per topic partition,
 * app id {@code iss_telemetry:<topic>:<partition>}, version = last offset. The first commit after
 * {@link #recordTopicIds} also carries app id {@code iss_telemetry/topic-id:<topic>:<id>} per topic, version 0.
 *
 * <p>The first {@link #lastOffsets()} replays the table state (its cost grows with the number of active
 * files); later calls only read the log entries committed since, so calling it on every partition
 * assignment is cheap. Safe to share between threads; appends are serialized.
 */
public final class DeltaBronzeTable implements BronzeTable {
    private final PositionedDeltaTable<BronzeRecord> table;

    public DeltaBronzeTable(String tableDir, DeltaTableOptions options) {
        TableLog log = new TableLog(TableStorage.at(tableDir), BronzeLayout.LAYOUT);
        this.table = new PositionedDeltaTable<>(log, DataFileWriter.columnar(log.storage(), BronzeLayout.LAYOUT,
                new BronzeLayout.Partitioning(), BronzeLayout.Columns::new, options), options);
    }

    public DeltaBronzeTable(String tableDir) {
        this(tableDir, DeltaTableOptions.defaults());
    }

    @Override
    public Map<FeedPartition, Long> lastOffsets() {
        return table.lastOffsets();
    }

    @Override
    public synchronized void append(List<BronzeRecord> rows, Map<FeedPartition, Long> lastOffsets) {
        table.commit(table.prepare(rows, lastOffsets));
    }

    /** Rows are encoded into the batch's data files as they are added; only the commit is serialized. */
    @Override
    public Batch<BronzeRecord> startBatch() {
        return table.startBatch();
    }

    @Override
    public Map<String, Set<String>> recordedTopicIds() {
        return table.recordedTopicIds();
    }

    @Override
    public void recordTopicIds(Map<String, String> ids) {
        table.recordTopicIds(ids);
    }

    /** The app id under which a partition's last offset is recorded. */
    public String transactionAppId(FeedPartition partition) {
        return table.appId(partition);
    }

    PositionedDeltaTable<BronzeRecord> positioned() {
        return table;
    }
}
