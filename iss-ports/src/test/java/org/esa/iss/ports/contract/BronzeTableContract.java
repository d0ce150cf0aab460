package org.esa.iss.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.esa.iss.domain.Fix;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.ports.TestTelemetry;
import org.esa.iss.ports.out.BronzeChangeLog;
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

    /** The table read as the refiner reads it, version by version. */
    protected abstract BronzeChangeLog changeLogOf(BronzeTable table) throws Exception;

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

    /**
     * Each append is the next version, and each satellite's fixes come back in the order they were written, even
     * when their event dates go back and forth (a poller's backfill between live polls around midnight): gold's
     * late-event decisions follow that order, so it must not depend on how a table files the rows.
     */
    @Test
    void eachAppendIsTheNextVersionAndEachSatelliteKeepsItsWrittenOrderAcrossDates() throws Exception {
        BronzeTable table = createTable();
        table.append(List.of(row(P0, 0)), Map.of(P0, 0L));
        long midnight = 1_714_089_600L - TestTelemetry.START; // 2024-04-26T00:00:00Z, in seconds after START
        List<BronzeRecord> rows = List.of(
                row(P0, 1, ISS, midnight - 2), row(P0, 2, ISS, midnight + 1), row(P1, 0, HUBBLE, midnight + 3),
                row(P0, 3, ISS, midnight - 1), row(P1, 1, HUBBLE, midnight - 5), row(P0, 4, ISS, midnight + 2),
                row(P1, 2, HUBBLE, midnight + 4));
        table.append(rows, Map.of(P0, 4L, P1, 2L));

        BronzeChangeLog log = changeLogOf(reopen(table));
        long latest = log.latestVersion();
        assertThat(log.fixesAddedIn(latest - 1)).containsExactly(row(P0, 0).telemetry().toFix());
        List<Fix> added = log.fixesAddedIn(latest);
        assertThat(added).hasSameSizeAs(rows);
        for (long satellite : List.of(ISS, HUBBLE)) {
            assertThat(added.stream().filter(fix -> fix.satelliteId() == satellite).toList()).as("satellite %d", satellite)
                    .containsExactlyElementsOf(rows.stream().map(row -> row.telemetry().toFix())
                            .filter(fix -> fix.satelliteId() == satellite).toList());
        }
    }

    private static final long ISS = 25544;
    private static final long HUBBLE = 20580;

    /** A row of {@code satellite} at {@code second} after {@link TestTelemetry#START}. */
    private static BronzeRecord row(FeedPartition partition, long offset, long satellite, long second) {
        Telemetry iss = TestTelemetry.at(second);
        Telemetry telemetry = new Telemetry(satellite, iss.name(), iss.latitude(), iss.longitude(), iss.altitude(),
                iss.velocity(), iss.visibility(), iss.footprint(), iss.timestamp(), iss.dayNumber(), iss.solarLatitude(),
                iss.solarLongitude(), iss.units());
        return new BronzeRecord(telemetry, partition, offset, iss.timestamp() * 1_000, "simulator");
    }
}
