package org.esa.iss.ports.out;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link PositionedTable#startBatch}'s default: keeps the rows until commit and then appends them in one go. */
final class CollectedBatch<R> implements PositionedTable.Batch<R> {
    private final PositionedTable<R> table;
    private final List<R> rows = new ArrayList<>();

    CollectedBatch(PositionedTable<R> table) {
        this.table = table;
    }

    @Override
    public void add(List<R> more) {
        rows.addAll(more);
    }

    @Override
    public void commit(Map<FeedPartition, Long> lastOffsets) {
        table.append(List.copyOf(rows), lastOffsets);
        rows.clear();
    }

    @Override
    public void discard() {
        rows.clear();
    }
}
