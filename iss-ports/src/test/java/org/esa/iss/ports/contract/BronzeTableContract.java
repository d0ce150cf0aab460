package org.esa.iss.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.esa.iss.ports.TestTelemetry;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.BronzeTable;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.PositionedTable;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BronzeTable} promises. Extend it once per implementation; {@link #reopen} must
 * return a fresh handle on the same stored table (as after a restart).
 */
public abstract class BronzeTableContract {
    protected static final FeedPartition P0 = new FeedPartition("iss", 0);
    protected static final FeedPartition P1 = new FeedPartition("iss", 1);

    /** A new, empty table. */
    protected abstract BronzeTable createTable() throws Exception;

    /** The same table as stored, opened again. */
    protected abstract BronzeTable reopen(BronzeTable table) throws Exception;

    /** Every row stored, in any order. */
    protected abstract List<BronzeRecord> readAll(BronzeTable table) throws Exception;

    protected static BronzeRecord row(FeedPartition partition, long offset) {
        return new BronzeRecord(TestTelemetry.at(offset), partition, offset, 1_714_032_708_000L + offset, "simulator");
    }

    @Test
    void aNewTableHoldsNoPositions() throws Exception {
        assertThat(createTable().lastOffsets()).isEmpty();
    }

    @Test
    void positionsAreStoredWithTheRowsAndSurviveReopening() throws Exception {
        BronzeTable table = createTable();
        table.append(List.of(row(P0, 0), row(P0, 1), row(P1, 0)), Map.of(P0, 1L, P1, 0L));
        table.append(List.of(row(P0, 2)), Map.of(P0, 4L));
        BronzeTable reopened = reopen(table);
        assertThat(reopened.lastOffsets()).isEqualTo(Map.of(P0, 4L, P1, 0L));
        assertThat(readAll(reopened)).containsExactlyInAnyOrder(row(P0, 0), row(P0, 1), row(P1, 0), row(P0, 2));
    }

    @Test
    void anEmptyAppendMovesPositionsOnly() throws Exception {
        BronzeTable table = createTable();
        table.append(List.of(), Map.of(P1, 41L));
        assertThat(reopen(table).lastOffsets()).isEqualTo(Map.of(P1, 41L));
        assertThat(readAll(table)).isEmpty();
    }

    @Test
    void aBatchIsInvisibleUntilCommittedAndThenLandsWithItsPositions() throws Exception {
        BronzeTable table = createTable();
        table.append(List.of(row(P0, 0)), Map.of(P0, 0L));
        PositionedTable.Batch<BronzeRecord> batch = table.startBatch();
        batch.add(List.of(row(P0, 1), row(P1, 0)));
        batch.add(List.of(row(P0, 2)));
        assertThat(reopen(table).lastOffsets()).isEqualTo(Map.of(P0, 0L));
        assertThat(readAll(reopen(table))).containsExactly(row(P0, 0));

        batch.commit(Map.of(P0, 2L, P1, 0L));
        BronzeTable reopened = reopen(table);
        assertThat(reopened.lastOffsets()).isEqualTo(Map.of(P0, 2L, P1, 0L));
        assertThat(readAll(reopened)).containsExactlyInAnyOrder(row(P0, 0), row(P0, 1), row(P1, 0), row(P0, 2));
    }

    @Test
    void aDiscardedBatchLeavesRowsAndPositionsAsTheyWere() throws Exception {
        BronzeTable table = createTable();
        table.append(List.of(row(P0, 0)), Map.of(P0, 0L));
        PositionedTable.Batch<BronzeRecord> batch = table.startBatch();
        batch.add(List.of(row(P0, 1), row(P0, 2)));
        batch.discard();

        table.append(List.of(row(P1, 0)), Map.of(P1, 0L));
        BronzeTable reopened = reopen(table);
        assertThat(reopened.lastOffsets()).isEqualTo(Map.of(P0, 0L, P1, 0L));
        assertThat(readAll(reopened)).containsExactlyInAnyOrder(row(P0, 0), row(P1, 0));
    }
}
