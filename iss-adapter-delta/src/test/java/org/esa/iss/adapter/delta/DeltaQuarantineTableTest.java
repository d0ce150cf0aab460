package org.esa.iss.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.esa.iss.adapter.delta.TestRecords.P0;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.esa.iss.ports.out.QuarantinedRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaQuarantineTableTest {
    @TempDir
    Path dir;

    @Test
    void rejectedRecordsKeepTheirRawBytesErrorAndCoordinates() {
        String tableDir = dir.resolve("quarantine").toString();
        List<QuarantinedRecord> rejected = List.of(
                TestRecords.rejected(P0, 3, "{\"id\":25544,\"latitude\":91.5}", "latitude 91.5 must be within [-90, 90] degrees"),
                TestRecords.rejected(P0, 7, "not json \u00e9\u0001", "value is not a JSON object"),
                TestRecords.rejected(P0, 8, null, "record has no value"));
        DeltaQuarantineTable table = new DeltaQuarantineTable(tableDir);
        table.append(rejected, Map.of(P0, 8L));

        List<Group> rows = TableFiles.rows(tableDir);
        assertThat(rows).hasSize(3);
        for (Group row : rows) {
            long offset = row.getLong("kafka_offset", 0);
            QuarantinedRecord expected = rejected.stream().filter(r -> r.raw().offset() == offset).findFirst().orElseThrow();
            assertThat(row.getString("error", 0)).isEqualTo(expected.error());
            assertThat(row.getBinary("key", 0).getBytes()).isEqualTo(expected.raw().key());
            if (expected.raw().value() == null) {
                assertThat(row.getFieldRepetitionCount("value")).isZero();
            } else {
                assertThat(row.getBinary("value", 0).getBytes()).isEqualTo(expected.raw().value());
            }
            assertThat(row.getString("kafka_topic", 0)).isEqualTo("iss");
            assertThat(row.getLong("kafka_timestamp", 0)).isEqualTo(expected.raw().timestampMs() * 1000);
            assertThat(row.getString("headers", 0)).isEqualTo("{\"source\":\"api\"}");
            assertThat(row.getString("source", 0)).isEqualTo("api");
        }
        assertThat(TableFiles.snapshot(tableDir).getAllFiles().get(0).getPartitionValues()).containsKey("ingest_date");
    }

    @Test
    void quarantineOffsetsAreItsOwnAndSurviveReopening() {
        String quarantineDir = dir.resolve("quarantine").toString();
        new DeltaQuarantineTable(quarantineDir).append(List.of(TestRecords.rejected(P0, 5, "x", "bad")), Map.of(P0, 9L));
        assertThat(new DeltaQuarantineTable(quarantineDir).lastOffsets()).isEqualTo(Map.of(P0, 9L));
        assertThat(TableFiles.snapshot(quarantineDir).getMetadata().getName()).isEqualTo("iss_quarantine");
        assertThat(new String(new byte[0], StandardCharsets.UTF_8)).isEmpty();
    }
}
