package org.esa.iss.adapter.delta;

import java.util.List;
import java.util.Map;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.QuarantineTable;
import org.esa.iss.ports.out.QuarantinedRecord;

/**
 * The quarantine table {@code iss_quarantine} as a Delta table (created on first append): raw bytes, error
 * and coordinates of every rejected record. Its offsets are its own ({@code iss_quarantine:<topic>:<partition>}),
 * since it is committed separately from bronze.
 */
public final class DeltaQuarantineTable implements QuarantineTable {
    private final PositionedDeltaTable<QuarantinedRecord> table;

    public DeltaQuarantineTable(String tableDir, DeltaTableOptions options) {
        TableLog log = new TableLog(TableStorage.at(tableDir), QuarantineLayout.LAYOUT);
        this.table = new PositionedDeltaTable<>(log,
                DataFileWriter.records(log.storage(), QuarantineLayout.LAYOUT, new QuarantineLayout.Encoder(), options), options);
    }

    public DeltaQuarantineTable(String tableDir) {
        this(tableDir, DeltaTableOptions.defaults());
    }

    @Override
    public Map<FeedPartition, Long> lastOffsets() {
        return table.lastOffsets();
    }

    @Override
    public synchronized void append(List<QuarantinedRecord> rows, Map<FeedPartition, Long> lastOffsets) {
        table.commit(table.prepare(rows, lastOffsets));
    }

    PositionedDeltaTable<QuarantinedRecord> positioned() {
        return table;
    }
}
