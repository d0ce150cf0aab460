package org.esa.iss.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.esa.iss.adapter.delta.TestRecords.P0;
import static org.esa.iss.adapter.delta.TestRecords.START_SECONDS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.standalone.actions.AddFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.esa.iss.ports.out.BronzeRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStatisticsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyAddFileCarriesStatisticsAsAJsonStringInTheLog() throws Exception {
        String tableDir = dir.resolve("bronze").toString();
        List<BronzeRecord> rows = TestRecords.bronze(new Random(12), P0, 100, START_SECONDS + 3600, 50);
        new DeltaBronzeTable(tableDir).append(rows, Map.of(P0, 149L));

        // In the log itself, stats is a string holding JSON, as the Delta protocol stores it.
        JsonNode add = Files.readAllLines(dir.resolve("bronze/_delta_log/00000000000000000000.json")).stream()
                .map(FileStatisticsTest::parse).filter(n -> n.has("add")).findFirst().orElseThrow().get("add");
        assertThat(add.get("stats").isTextual()).isTrue();

        AddFile file = TableFiles.snapshot(tableDir).getAllFiles().get(0);
        JsonNode stats = parse(file.getStats());
        assertThat(stats.get("numRecords").asLong()).isEqualTo(50);
        double minAlt = rows.stream().mapToDouble(r -> r.telemetry().altitude()).min().orElseThrow();
        double maxAlt = rows.stream().mapToDouble(r -> r.telemetry().altitude()).max().orElseThrow();
        assertThat(stats.at("/minValues/altitude").asDouble()).isEqualTo(minAlt);
        assertThat(stats.at("/maxValues/altitude").asDouble()).isEqualTo(maxAlt);
        assertThat(stats.at("/minValues/kafka_offset").asLong()).isEqualTo(100);
        assertThat(stats.at("/maxValues/kafka_offset").asLong()).isEqualTo(149);
        assertThat(stats.at("/minValues/event_time").asText()).isEqualTo("2024-05-01T01:00:00.000Z");
        assertThat(stats.at("/maxValues/event_time").asText()).isEqualTo("2024-05-01T01:00:49.000Z");
        assertThat(stats.at("/minValues/name").asText()).isEqualTo("iss");
        assertThat(stats.at("/nullCount/latitude").asLong()).isZero();
        assertThat(stats.get("nullCount").size()).isEqualTo(20);
        assertThat(stats.get("minValues").has("event_date")).isFalse();
    }

    @Test
    void binaryColumnsGetNullCountsButNoBounds() throws Exception {
        String tableDir = dir.resolve("quarantine").toString();
        new DeltaQuarantineTable(tableDir).append(List.of(TestRecords.rejected(P0, 1, null, "no value"),
                TestRecords.rejected(P0, 2, "{", "truncated JSON")), Map.of(P0, 2L));
        JsonNode stats = parse(TableFiles.snapshot(tableDir).getAllFiles().get(0).getStats());
        assertThat(stats.at("/nullCount/value").asLong()).isEqualTo(1);
        assertThat(stats.get("minValues").has("value")).isFalse();
        assertThat(stats.at("/minValues/error").asText()).isEqualTo("no value");
    }

    @Test
    void aStringColumnWithBoundsLongerThanTheLimitGetsNoneInThatFile() throws Exception {
        String tableDir = dir.resolve("quarantine").toString();
        String longError = "x".repeat(FileStatistics.MAX_STRING_BOUND + 1);
        DeltaQuarantineTable table = new DeltaQuarantineTable(tableDir);
        table.append(List.of(TestRecords.rejected(P0, 1, "{", "truncated JSON"),
                TestRecords.rejected(P0, 2, "{", longError)), Map.of(P0, 2L));
        table.append(List.of(TestRecords.rejected(P0, 3, "{", "x".repeat(FileStatistics.MAX_STRING_BOUND))), Map.of(P0, 3L));

        List<JsonNode> stats = TableFiles.snapshot(tableDir).getAllFiles().stream().map(f -> parse(f.getStats()))
                .sorted(java.util.Comparator.comparingLong(n -> -n.get("numRecords").asLong())).toList(); // the first append's first
        assertThat(stats.get(0).get("minValues").has("error")).as("a maximum over the limit").isFalse();
        assertThat(stats.get(0).get("maxValues").has("error")).isFalse();
        assertThat(stats.get(0).at("/nullCount/error").asLong()).isZero();
        assertThat(stats.get(0).at("/minValues/source").asText()).as("the other columns keep theirs").isEqualTo("api");
        assertThat(stats.get(1).at("/maxValues/error").asText()).as("at the limit").hasSize(FileStatistics.MAX_STRING_BOUND);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }
}
