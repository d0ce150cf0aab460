package org.esa.iss.adapter.delta;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * The {@code stats} of an {@code AddFile}, as the JSON text Delta expects: {@code numRecords},
 * {@code minValues}, {@code maxValues} and {@code nullCount} per column, taken from the Parquet footer the
 * writer just produced (so they cost nothing extra to collect).
 *
 * <p>Timestamps are written the way Spark writes them, to the millisecond, with the minimum rounded down and
 * the maximum rounded up so that a reader skipping files never skips one that matches. Strings are written
 * whole, up to {@value #MAX_STRING_BOUND} characters; a column whose bounds are longer in a file gets none there (a
 * reader then keeps the file), since each file's statistics are copied into every checkpoint, and quarantine's
 * {@code headers} and {@code error} hold whatever a producer sent. Binary columns get only a null count.
 */
final class FileStatistics {
    /** The longest string kept as a bound: bronze's strings fit; quarantine's long messages and headers do not. */
    static final int MAX_STRING_BOUND = 64;
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    private FileStatistics() {
    }

    static String json(ParquetMetadata footer) {
        MessageType schema = footer.getFileMetaData().getSchema();
        List<ColumnDescriptor> columns = schema.getColumns();
        Map<String, Statistics<?>> merged = new LinkedHashMap<>();
        long rows = 0;
        for (BlockMetaData block : footer.getBlocks()) {
            rows += block.getRowCount();
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                String name = chunk.getPath().toDotString();
                Statistics<?> stats = chunk.getStatistics();
                Statistics<?> sum = merged.computeIfAbsent(name, n -> Statistics.createStats(chunk.getPrimitiveType()));
                if (stats != null) {
                    sum.mergeStatistics(stats);
                }
            }
        }
        StringBuilder min = new StringBuilder();
        StringBuilder max = new StringBuilder();
        StringBuilder nulls = new StringBuilder();
        for (ColumnDescriptor column : columns) {
            String name = String.join(".", column.getPath());
            Statistics<?> stats = merged.get(name);
            if (stats == null) {
                continue;
            }
            separate(nulls).append(Json.quote(name)).append(':').append(stats.isEmpty() ? rows : stats.getNumNulls());
            if (stats.hasNonNullValue()) {
                PrimitiveType type = column.getPrimitiveType();
                String lo = value(type, stats.genericGetMin(), false);
                String hi = value(type, stats.genericGetMax(), true);
                if (lo != null && hi != null) {
                    separate(min).append(Json.quote(name)).append(':').append(lo);
                    separate(max).append(Json.quote(name)).append(':').append(hi);
                }
            }
        }
        return "{\"numRecords\":" + rows + ",\"minValues\":{" + min + "},\"maxValues\":{" + max
                + "},\"nullCount\":{" + nulls + "}}";
    }

    private static StringBuilder separate(StringBuilder sb) {
        return sb.isEmpty() ? sb : sb.append(',');
    }

    /** A JSON value for a statistic, or {@code null} when the type gets no min/max. */
    private static String value(PrimitiveType type, Object value, boolean roundUp) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        switch (type.getPrimitiveTypeName()) {
            case DOUBLE, FLOAT -> {
                double d = ((Number) value).doubleValue();
                return Double.isFinite(d) ? Double.toString(d) : null;
            }
            case INT64 -> {
                long v = (Long) value;
                if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
                    long millis = roundUp ? Math.floorDiv(v + 999, 1000) : Math.floorDiv(v, 1000);
                    return Json.quote(MILLIS.format(Instant.ofEpochMilli(millis)));
                }
                return Long.toString(v);
            }
            case INT32 -> {
                int v = (Integer) value;
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return Json.quote(LocalDate.ofEpochDay(v).toString());
                }
                return Integer.toString(v);
            }
            case BINARY -> {
                if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
                    String text = ((Binary) value).toStringUsingUTF8();
                    return text.length() <= MAX_STRING_BOUND ? Json.quote(text) : null;
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }
}
