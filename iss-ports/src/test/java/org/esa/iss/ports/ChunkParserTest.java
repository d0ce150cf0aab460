package org.esa.iss.ports;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.QuarantinedRecord;
import org.esa.iss.ports.out.RawRecord;
import org.junit.jupiter.api.Test;

class ChunkParserTest {
    private static final FeedPartition P0 = new FeedPartition("iss", 0);
    private static final FeedPartition P1 = new FeedPartition("iss", 1);

    @Test
    void leavesOutWhatEachTableAlreadyHoldsPerPartitionAndKeepsTheRestInOrder() {
        // bronze holds P0 up to 3, quarantine P0 up to 1; P1 is new to both
        ChunkParser parser = new ChunkParser(Map.of(P0, 3L), Map.of(P0, 1L));
        List<RawRecord> records = new ArrayList<>();
        for (long offset = 0; offset < 6; offset++) {
            records.add(offset % 2 == 0 ? valid(P0, offset, "api") : invalid(P0, offset));
        }
        records.add(valid(P1, 0, "simulator"));
        records.add(invalid(P1, 1));

        ReadChunk.Parsed parsed = parser.parse(records);

        // P0: valid 0 and 2 are in bronze already, 4 is not; invalid 1 is in quarantine, 3 and 5 are not
        assertThat(parsed.valid()).extracting(r -> r.partition().partition() + "@" + r.offset()).containsExactly("0@4", "1@0");
        assertThat(parsed.invalid()).extracting(q -> q.raw().partition().partition() + "@" + q.raw().offset())
                .containsExactly("0@3", "0@5", "1@1");
        assertThat(parsed.skipped()).isEqualTo(3);
    }

    @Test
    void rowsCarryTheirLineageAndSourceHeaderAndInvalidRecordsTheReason() {
        ChunkParser parser = new ChunkParser(Map.of(), Map.of());
        ReadChunk.Parsed parsed = parser.parse(List.of(valid(P0, 7, "api"), valid(P0, 8, "api-backfill"),
                valid(P0, 9, null), invalid(P0, 10)));

        assertThat(parsed.valid()).extracting(BronzeRecord::source).containsExactly("api", "api-backfill", "unknown");
        BronzeRecord first = parsed.valid().get(0);
        assertThat(first.offset()).isEqualTo(7);
        assertThat(first.timestampMs()).isEqualTo(7_000);
        assertThat(first.telemetry()).isEqualTo(TestTelemetry.at(7));
        QuarantinedRecord bad = parsed.invalid().get(0);
        assertThat(bad.raw().value()).isEqualTo("{\"name\":".getBytes(UTF_8));
        assertThat(bad.error()).contains("malformed");
    }

    @Test
    void aChunkIsParsedOnceWhicheverThreadAsksFirst() {
        ReadChunk chunk = new ReadChunk();
        chunk.add(valid(P0, 0, "api"));
        ReadChunk.Parsed first = chunk.parse(new ChunkParser(Map.of(), Map.of()));
        // a second parser that would skip everything is not consulted again
        ReadChunk.Parsed again = chunk.parse(new ChunkParser(Map.of(P0, 10L), Map.of(P0, 10L)));
        assertThat(again).isSameAs(first);
        assertThat(again.valid()).hasSize(1);
    }

    private static RawRecord valid(FeedPartition partition, long offset, String source) {
        byte[] json = TelemetryJson.format(TestTelemetry.at(offset));
        Map<String, byte[]> headers = source == null ? Map.of() : Map.of("source", source.getBytes(UTF_8));
        return new RawRecord(partition, offset, offset * 1_000, null, json, headers);
    }

    private static RawRecord invalid(FeedPartition partition, long offset) {
        return new RawRecord(partition, offset, offset * 1_000, null, "{\"name\":".getBytes(UTF_8), Map.of());
    }
}
