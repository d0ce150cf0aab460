package org.esa.iss.adapter.delta;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.parquet.io.api.RecordConsumer;
import org.esa.iss.ports.out.QuarantinedRecord;
import org.esa.iss.ports.out.RawRecord;

/**
 * The quarantine table {@code iss_quarantine}: each rejected record's raw key and value bytes, the error,
 * its Kafka coordinates and headers, partitioned by the UTC date it was ingested (a record that failed to
 * parse has no trustworthy event date).
 *
 * <p>Headers are one JSON object string (name to UTF-8 text) rather than a Delta map: a map column would
 * need a nested Parquet group for a handful of diagnostic values that nobody filters on.
 */
final class QuarantineLayout {
    static final String NAME = "iss_quarantine";
    static final String PARTITION = "ingest_date";

    static final TableLayout LAYOUT;

    static {
        Schemas s = new Schemas()
                .optionalBinaryColumn("key").optionalBinaryColumn("value").stringColumn("error")
                .stringColumn("kafka_topic").intColumn("kafka_partition").longColumn("kafka_offset")
                .timestampColumn("kafka_timestamp").stringColumn("headers").optionalStringColumn("source")
                .timestampColumn("ingested_at").partitionDateColumn(PARTITION);
        LAYOUT = new TableLayout(NAME, s.deltaSchema(), s.parquetSchema(), Optional.of(PARTITION),
                Set.of("error", "kafka_topic", "source"));
    }

    private QuarantineLayout() {
    }

    static String headersJson(Map<String, byte[]> headers) {
        if (headers == null || headers.isEmpty()) {
            return "{}";
        }
        StringBuilder out = new StringBuilder("{");
        new TreeMap<>(headers).forEach((name, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(Json.quote(name)).append(':')
                    .append(value == null ? "null" : Json.quote(new String(value, StandardCharsets.UTF_8)));
        });
        return out.append('}').toString();
    }

    /** Writes quarantine rows; field indexes follow the schema above. */
    static final class Encoder implements RowEncoder<QuarantinedRecord> {
        private final Schemas.DayNames days = new Schemas.DayNames();

        @Override
        public String partitionValue(QuarantinedRecord row, long writeMicros) {
            return days.of(Math.floorDiv(writeMicros, 86_400_000_000L));
        }

        @Override
        public void write(QuarantinedRecord row, RecordConsumer out, long writeMicros) {
            RawRecord raw = row.raw();
            Fields.putBytesOrNull(out, "key", 0, raw.key());
            Fields.putBytesOrNull(out, "value", 1, raw.value());
            Fields.putStringOrNull(out, "error", 2, row.error());
            Fields.putStringOrNull(out, "kafka_topic", 3, raw.partition().topic());
            Fields.putInt(out, "kafka_partition", 4, raw.partition().partition());
            Fields.putLong(out, "kafka_offset", 5, raw.offset());
            Fields.putLong(out, "kafka_timestamp", 6, raw.timestampMs() * 1_000L);
            Fields.putStringOrNull(out, "headers", 7, headersJson(raw.headers()));
            Fields.putStringOrNull(out, "source", 8, raw.header("source", null));
            Fields.putLong(out, "ingested_at", 9, writeMicros);
        }
    }
}
