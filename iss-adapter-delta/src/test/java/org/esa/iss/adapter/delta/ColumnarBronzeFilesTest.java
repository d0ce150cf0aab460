package org.esa.iss.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.esa.iss.adapter.delta.TestRecords.P0;
import static org.esa.iss.adapter.delta.TestRecords.P1;
import static org.esa.iss.adapter.delta.TestRecords.START_SECONDS;

import io.delta.standalone.Snapshot;
import io.delta.standalone.actions.AddFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.esa.iss.domain.Fix;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.PositionedTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bronze files as the column-by-column writer makes them: several row groups, statistics, streamed batches. */
class ColumnarBronzeFilesTest {
    @TempDir
    Path dir;

    private String tableDir() {
        return dir.resolve("bronze").toString();
    }

    @Test
    void aFileLargerThanARowGroupHoldsEveryRowWithStatisticsOverAllOfThem() {
        // two partitions over the same day: 2 x 80,000 rows land in one file of that day, over two row groups
        Random random = new Random(11);
        List<BronzeRecord> rows = new ArrayList<>(TestRecords.bronze(random, P0, 0, START_SECONDS, 80_000));
        rows.addAll(TestRecords.bronze(random, P1, 500, START_SECONDS + 10, 80_000));
        rows.set(1234, withSource(rows.get(1234), "api-backfill"));
        new DeltaBronzeTable(tableDir()).append(rows, TestRecords.lastOffsets(rows));

        Snapshot snapshot = TableFiles.snapshot(tableDir());
        assertThat(snapshot.getAllFiles()).hasSize(1);
        AddFile file = snapshot.getAllFiles().get(0);
        List<BlockMetaData> rowGroups = TableFiles.footer(tableDir(), file).getBlocks();
        assertThat(rowGroups).extracting(BlockMetaData::getRowCount)
                .containsExactly((long) ColumnarFile.ROWS_PER_ROW_GROUP, 160_000L - ColumnarFile.ROWS_PER_ROW_GROUP);

        List<Group> read = TableFiles.rows(tableDir(), file);
        assertThat(read).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i += 997) {
            Group g = read.get(i);
            BronzeRecord expected = rows.get(i);
            assertThat(g.getLong("kafka_offset", 0)).isEqualTo(expected.offset());
            assertThat(g.getInteger("kafka_partition", 0)).isEqualTo(expected.partition().partition());
            assertThat(g.getDouble("altitude", 0)).isEqualTo(expected.telemetry().altitude());
            assertThat(g.getString("visibility", 0)).isEqualTo(expected.telemetry().visibility().apiName());
            assertThat(g.getString("source", 0)).isEqualTo(expected.source());
        }
        assertThat(read.get(1234).getString("source", 0)).isEqualTo("api-backfill");
        assertThat(read.get(1235).getString("source", 0)).isEqualTo("simulator");

        double minAltitude = rows.stream().mapToDouble(r -> r.telemetry().altitude()).min().orElseThrow();
        double maxAltitude = rows.stream().mapToDouble(r -> r.telemetry().altitude()).max().orElseThrow();
        assertThat(file.getStats()).contains("\"numRecords\":160000")
                .contains("\"altitude\":" + minAltitude).contains("\"altitude\":" + maxAltitude)
                .contains("\"kafka_offset\":0").contains("\"kafka_offset\":80499");

        List<Fix> fixes = new DeltaBronzeChangeLog(tableDir()).fixesAddedIn(0);
        assertThat(fixes).hasSize(rows.size());
        assertThat(fixes.get(100_000).altitudeKm()).isEqualTo(rows.get(100_000).telemetry().altitudeKm());
        assertThat(fixes.get(100_000).eventMicros()).isEqualTo(rows.get(100_000).telemetry().timestamp() * 1_000_000L);
    }

    @Test
    void aStreamedBatchBecomesVisibleAtItsCommitInArrivalOrderAndADiscardedOneNever() {
        Random random = new Random(5);
        DeltaBronzeTable table = new DeltaBronzeTable(tableDir());
        table.append(TestRecords.bronze(random, P0, 0, START_SECONDS, 10), Map.of(P0, 9L));
        long before = TableFiles.snapshot(tableDir()).getVersion();

        PositionedTable.Batch<BronzeRecord> batch = table.startBatch();
        List<BronzeRecord> streamed = TestRecords.bronze(random, P0, 10, START_SECONDS + 10, 3_000);
        for (int from = 0; from < streamed.size(); from += 700) {
            batch.add(streamed.subList(from, Math.min(streamed.size(), from + 700)));
        }
        assertThat(TableFiles.snapshot(tableDir()).getVersion()).isEqualTo(before);
        batch.commit(Map.of(P0, 3_009L));

        assertThat(TableFiles.snapshot(tableDir()).getVersion()).isEqualTo(before + 1);
        assertThat(new DeltaBronzeTable(tableDir()).lastOffsets()).isEqualTo(Map.of(P0, 3_009L));
        List<Fix> fixes = new DeltaBronzeChangeLog(tableDir()).fixesAddedIn(before + 1);
        assertThat(fixes).extracting(Fix::eventMicros)
                .isSortedAccordingTo(Comparator.naturalOrder())
                .hasSize(3_000);

        PositionedTable.Batch<BronzeRecord> abandoned = table.startBatch();
        abandoned.add(TestRecords.bronze(random, P0, 3_010, START_SECONDS + 3_010, 500));
        abandoned.discard();
        assertThat(TableFiles.snapshot(tableDir()).getVersion()).isEqualTo(before + 1);
        assertThat(TableFiles.rows(tableDir())).hasSize(3_010);
        assertThat(table.lastOffsets()).isEqualTo(Map.of(P0, 3_009L));
    }

    private static BronzeRecord withSource(BronzeRecord r, String source) {
        Telemetry t = r.telemetry();
        FeedPartition p = r.partition();
        return new BronzeRecord(t, p, r.offset(), r.timestampMs(), source);
    }
}
