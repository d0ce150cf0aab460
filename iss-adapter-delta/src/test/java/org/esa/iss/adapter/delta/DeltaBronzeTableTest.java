package org.esa.iss.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.esa.iss.adapter.delta.TestRecords.P0;
import static org.esa.iss.adapter.delta.TestRecords.P1;
import static org.esa.iss.adapter.delta.TestRecords.START_SECONDS;

import io.delta.standalone.DeltaLog;
import io.delta.standalone.Operation;
import io.delta.standalone.OptimisticTransaction;
import io.delta.standalone.Snapshot;
import io.delta.standalone.actions.AddFile;
import io.delta.standalone.actions.Metadata;
import io.delta.standalone.data.CloseableIterator;
import io.delta.standalone.data.RowRecord;
import io.delta.standalone.types.LongType;
import io.delta.standalone.types.StringType;
import io.delta.standalone.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.FeedPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaBronzeTableTest {
    @TempDir
    Path dir;

    private String tableDir() {
        return dir.resolve("bronze").toString();
    }

    @Test
    void appendedRowsReadBackWithTheirValuesThroughDelta() throws Exception {
        Random random = new Random(7);
        List<BronzeRecord> rows = new ArrayList<>(TestRecords.bronze(random, P0, 0, START_SECONDS - 50, 100));
        rows.addAll(TestRecords.bronze(random, P1, 10, START_SECONDS + 3, 20));
        DeltaBronzeTable table = new DeltaBronzeTable(tableDir());
        table.append(rows, TestRecords.lastOffsets(rows));

        Snapshot snapshot = DeltaLog.forTable(new Configuration(), tableDir()).update();
        assertThat(snapshot.getMetadata().getPartitionColumns()).containsExactly("event_date");
        assertThat(snapshot.getAllFiles()).hasSize(2)
                .allSatisfy(f -> assertThat(f.getStats()).contains("\"numRecords\"").contains("\"minValues\"")
                        .contains("\"altitude\"").contains("\"nullCount\""));
        assertThat(snapshot.getAllFiles()).extracting(AddFile::getPartitionValues)
                .containsExactlyInAnyOrder(Map.of("event_date", "2024-04-30"), Map.of("event_date", "2024-05-01"));

        Map<Long, BronzeRecord> byKey = new HashMap<>();
        rows.forEach(r -> byKey.put(r.partition().partition() * 1_000_000L + r.offset(), r));
        int read = 0;
        try (CloseableIterator<RowRecord> it = snapshot.open()) {
            while (it.hasNext()) {
                RowRecord row = it.next();
                BronzeRecord expected = byKey.get(row.getInt("kafka_partition") * 1_000_000L + row.getLong("kafka_offset"));
                Telemetry t = expected.telemetry();
                assertThat(row.getLong("id")).isEqualTo(t.satelliteId());
                assertThat(row.getString("name")).isEqualTo(t.name());
                assertThat(row.getDouble("latitude")).isEqualTo(t.latitude());
                assertThat(row.getDouble("longitude")).isEqualTo(t.longitude());
                assertThat(row.getDouble("altitude")).isEqualTo(t.altitude());
                assertThat(row.getDouble("velocity")).isEqualTo(t.velocity());
                assertThat(row.getString("visibility")).isEqualTo(t.visibility().apiName());
                assertThat(row.getDouble("footprint")).isEqualTo(t.footprint());
                assertThat(row.getLong("timestamp")).isEqualTo(t.timestamp());
                assertThat(row.getDouble("daynum")).isEqualTo(t.dayNumber());
                assertThat(row.getDouble("solar_lat")).isEqualTo(t.solarLatitude());
                assertThat(row.getDouble("solar_lon")).isEqualTo(t.solarLongitude());
                assertThat(row.getString("units")).isEqualTo(t.units().apiName());
                assertThat(row.getString("source")).isEqualTo("simulator");
                assertThat(row.getString("kafka_topic")).isEqualTo("iss");
                assertThat(row.getDate("event_date").toLocalDate())
                        .isEqualTo(java.time.LocalDate.ofEpochDay(Math.floorDiv(t.timestamp(), 86_400)));
                read++;
            }
        }
        assertThat(read).isEqualTo(rows.size());

        // delta-standalone's own row reader predates INT64 timestamps, so those are checked with plain Parquet.
        for (AddFile file : snapshot.getAllFiles()) {
            assertThat(TableFiles.schema(tableDir(), file).getType("event_time").getLogicalTypeAnnotation())
                    .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
            for (Group g : TableFiles.rows(tableDir(), file)) {
                BronzeRecord expected = byKey.get(g.getInteger("kafka_partition", 0) * 1_000_000L + g.getLong("kafka_offset", 0));
                assertThat(g.getLong("event_time", 0)).isEqualTo(expected.telemetry().timestamp() * 1_000_000L);
                assertThat(g.getLong("kafka_timestamp", 0)).isEqualTo(expected.timestampMs() * 1_000L);
                assertThat(g.getLong("ingested_at", 0)).isPositive();
            }
        }
    }

    @Test
    void lastOffsetsSurviveReopeningTheTable() {
        Random random = new Random(1);
        DeltaBronzeTable table = new DeltaBronzeTable(tableDir());
        assertThat(table.lastOffsets()).isEmpty();
        List<BronzeRecord> first = TestRecords.bronze(random, P0, 0, START_SECONDS, 10);
        table.append(first, Map.of(P0, 9L));
        table.append(TestRecords.bronze(random, P1, 0, START_SECONDS, 5), Map.of(P1, 4L));
        table.append(List.of(), Map.of(P0, 12L));

        assertThat(table.lastOffsets()).isEqualTo(Map.of(P0, 12L, P1, 4L));
        assertThat(new DeltaBronzeTable(tableDir()).lastOffsets()).isEqualTo(Map.of(P0, 12L, P1, 4L));
    }

    @Test
    void anEmptyAppendCommitsOnlyTheOffsets() {
        DeltaBronzeTable table = new DeltaBronzeTable(tableDir());
        table.append(List.of(), Map.of(P0, 41L));
        Snapshot snapshot = DeltaLog.forTable(new Configuration(), tableDir()).update();
        assertThat(snapshot.getVersion()).isZero();
        assertThat(snapshot.getAllFiles()).isEmpty();
        assertThat(new DeltaBronzeTable(tableDir()).lastOffsets()).containsEntry(P0, 41L);
    }

    @Test
    void anotherTableAtBronzesPathIsRefusedAndLeftAsItWas() throws Exception {
        new DeltaQuarantineTable(tableDir()).append(List.of(), Map.of(P0, 5L));
        List<Path> before;
        try (var files = Files.walk(dir)) {
            before = files.toList();
        }

        assertThatThrownBy(() -> new DeltaBronzeTable(tableDir()))
                .hasMessageContaining("is not iss_telemetry (it is 'iss_quarantine')").hasMessageContaining("nothing is committed");
        assertThat(DeltaLog.forTable(new Configuration(), tableDir()).update().getVersion()).isZero();
        try (var files = Files.walk(dir)) {
            assertThat(files.toList()).as("no file written").containsExactlyInAnyOrderElementsOf(before);
        }
    }

    @Test
    void anotherTablePutAtBronzesPathAfterItWasOpenedIsRefusedAtCommit() {
        DeltaBronzeTable bronze = new DeltaBronzeTable(tableDir());
        new DeltaQuarantineTable(tableDir()).append(List.of(), Map.of(P0, 5L));

        assertThatThrownBy(() -> bronze.append(TestRecords.bronze(new Random(5), P0, 6, START_SECONDS, 3), Map.of(P0, 8L)))
                .hasMessageContaining("is not iss_telemetry (it is 'iss_quarantine')");
        assertThat(DeltaLog.forTable(new Configuration(), tableDir()).update().getVersion()).isZero();
    }

    @Test
    void aTableOfAnotherToolWithoutBronzesColumnsIsRefused() {
        DeltaLog other = DeltaLog.forTable(new Configuration(), tableDir());
        OptimisticTransaction txn = other.startTransaction();
        txn.updateMetadata(Metadata.builder().schema(new StructType()
                .add("id", new LongType()).add("name", new StringType()).add("latitude", new StringType())).build());
        txn.commit(List.of(), new Operation(Operation.Name.CREATE_TABLE), "another tool");

        assertThatThrownBy(() -> new DeltaBronzeTable(tableDir()))
                .hasMessageContaining("is not iss_telemetry (its column latitude is string, not double)");
    }

    @Test
    void aCheckpointIsWrittenEveryTenCommits() {
        DeltaBronzeTable table = new DeltaBronzeTable(tableDir());
        Random random = new Random(3);
        for (int i = 0; i < 12; i++) {
            table.append(TestRecords.bronze(random, P0, i * 2L, START_SECONDS + i * 2L, 2), Map.of(P0, i * 2L + 1));
        }
        assertThat(Files.exists(dir.resolve("bronze/_delta_log/00000000000000000010.checkpoint.parquet"))).isTrue();
        assertThat(new DeltaBronzeTable(tableDir()).lastOffsets()).isEqualTo(Map.of(P0, 23L));
        assertThat(DeltaLog.forTable(new Configuration(), tableDir()).update().getAllFiles()).hasSize(12);
    }

    @Test
    void neitherDataFilesNorLogEntriesHaveChecksumSidecars() throws Exception {
        DeltaBronzeTable table = new DeltaBronzeTable(tableDir());
        table.append(TestRecords.bronze(new Random(2), P0, 0, START_SECONDS, 3), Map.of(P0, 2L));
        try (var files = Files.walk(dir.resolve("bronze"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".crc"))).isEmpty();
        }
    }

    static Map<FeedPartition, Long> offsets(FeedPartition p, long offset) {
        return Map.of(p, offset);
    }

    @Test
    void topicIdsGoWithTheNextCommitAndAreNoPositions() {
        Random random = new Random(31);
        DeltaBronzeTable table = new DeltaBronzeTable(tableDir());
        table.recordTopicIds(Map.of("iss", "b3Y0lQ8iRbWq2Fj6yNvX1w"));
        assertThat(new DeltaBronzeTable(tableDir()).recordedTopicIds()).as("before a commit").isEmpty();

        DeltaBronzeTable openedBefore = new DeltaBronzeTable(tableDir());
        openedBefore.lastOffsets();
        table.append(TestRecords.bronze(random, P0, 0, START_SECONDS, 3), Map.of(P0, 2L));
        table.append(TestRecords.bronze(random, P0, 3, START_SECONDS + 3, 3), Map.of(P0, 5L));
        assertThat(table.recordedTopicIds()).as("the writer's own").containsOnlyKeys("iss");
        assertThat(openedBefore.recordedTopicIds()).as("a handle that read the table before").containsOnlyKeys("iss");
        DeltaBronzeTable reopened = new DeltaBronzeTable(tableDir());
        assertThat(reopened.recordedTopicIds()).isEqualTo(Map.of("iss", java.util.Set.of("b3Y0lQ8iRbWq2Fj6yNvX1w")));
        assertThat(reopened.lastOffsets()).isEqualTo(Map.of(P0, 5L));
    }
}
