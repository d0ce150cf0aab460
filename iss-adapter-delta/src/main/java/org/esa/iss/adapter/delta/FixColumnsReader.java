package org.esa.iss.adapter.delta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.esa.iss.domain.Fix;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.Units;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the fixes of one bronze data file: only the six columns refinement needs (and the Kafka position, when
 * asked), column by column straight into primitive arrays, then one {@link Fix} per row. This is the hot loop of
 * refinement, so each column takes the cheapest route its chunk allows:
 * <ol>
 *   <li>the chunk's statistics say every value is the same (satellite id, units): fill, decode nothing;</li>
 *   <li>required and PLAIN-encoded (the doubles and timestamps this adapter writes): copy each decompressed
 *       page's little-endian values in bulk;</li>
 *   <li>anything else (dictionaries, nulls, files written elsewhere): Parquet's column reader, value by value.</li>
 * </ol>
 */
final class FixColumnsReader {
    private static final Logger LOG = LoggerFactory.getLogger(FixColumnsReader.class);
    private static final String[] COLUMNS = {"id", "timestamp", "latitude", "longitude", "altitude", "units"};
    private static final String[] WITH_POSITIONS = {"id", "timestamp", "latitude", "longitude", "altitude", "units",
        "kafka_partition", "kafka_offset"};
    private static final Binary MILES = Binary.fromString(Units.MILES.apiName());
    private static final Binary KILOMETERS = Binary.fromString(Units.KILOMETERS.apiName());

    private final TableStorage storage;

    FixColumnsReader(TableStorage storage) {
        this.storage = storage;
    }

    /**
     * Appends the file's fixes to {@code out}, in file order.
     *
     * @return the Kafka positions its rows span, from its footer; {@code null} if the footer does not tell
     */
    PositionSpan read(Path file, List<Fix> out) throws IOException {
        return read(file, out, null);
    }

    /** Adds the file's fixes to {@code written}, in file order, with the Kafka position of each. */
    void read(Path file, WrittenOrder written) throws IOException {
        read(file, null, written);
    }

    /** Into {@code out}, or with positions into {@code written}: one of them is null. */
    private PositionSpan read(Path file, List<Fix> out, WrittenOrder written) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(storage.inputFile(file), storage.readOptions())) {
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            MessageType projection = new MessageType(fileSchema.getName(),
                    Arrays.stream(written == null ? COLUMNS : WITH_POSITIONS).map(fileSchema::getType).toList());
            reader.setRequestedSchema(projection);
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            List<BlockMetaData> blocks = reader.getRowGroups();
            PageReadStore rowGroup;
            long outOfRange = 0;
            for (int i = 0; (rowGroup = reader.readNextRowGroup()) != null; i++) {
                outOfRange += new RowGroup(rowGroup, blocks.get(i), projection, createdBy).read(out, written);
            }
            if (outOfRange > 0) {
                LOG.warn("bronze file {} holds {} rows with a timestamp outside 1970-9999, written before such records"
                        + " went to quarantine; refinement leaves them out", file, outOfRange);
            }
            return PositionSpan.of(blocks);
        }
    }

    /** The lowest and highest Kafka partition and offset of a file's rows, as its row groups' statistics give them. */
    record PositionSpan(long firstPartition, long lastPartition, long firstOffset, long lastOffset) {

        /** {@code null} unless every row group has statistics of both columns. */
        static PositionSpan of(List<BlockMetaData> blocks) {
            PositionSpan span = null;
            for (BlockMetaData block : blocks) {
                Statistics<?> partitions = statistics(block, "kafka_partition");
                Statistics<?> offsets = statistics(block, "kafka_offset");
                if (partitions == null || offsets == null) {
                    return null;
                }
                PositionSpan group = new PositionSpan(((Number) partitions.genericGetMin()).longValue(),
                        ((Number) partitions.genericGetMax()).longValue(), ((Number) offsets.genericGetMin()).longValue(),
                        ((Number) offsets.genericGetMax()).longValue());
                span = span == null ? group : new PositionSpan(Math.min(span.firstPartition, group.firstPartition),
                        Math.max(span.lastPartition, group.lastPartition), Math.min(span.firstOffset, group.firstOffset),
                        Math.max(span.lastOffset, group.lastOffset));
            }
            return span;
        }

        private static Statistics<?> statistics(BlockMetaData block, String column) {
            ColumnChunkMetaData chunk = chunkOf(block, column);
            return chunk == null ? null : statisticsOf(chunk);
        }
    }

    /** A row group's chunk of a column, or {@code null} if the file has no such column. */
    private static ColumnChunkMetaData chunkOf(BlockMetaData block, String column) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (chunk.getPath().toDotString().equals(column)) {
                return chunk;
            }
        }
        return null;
    }

    /** A chunk's statistics if they bound every value (present, with no null), else {@code null}. */
    private static Statistics<?> statisticsOf(ColumnChunkMetaData chunk) {
        Statistics<?> stats = chunk.getStatistics();
        return stats == null || stats.isEmpty() || !stats.hasNonNullValue() || stats.getNumNulls() != 0 ? null : stats;
    }

    /** One row group's columns. */
    private static final class RowGroup {
        private final PageReadStore pages;
        private final BlockMetaData block;
        private final MessageType projection;
        private final ColumnReadStoreImpl readers;
        private final int rows;
        private final boolean[] present;

        RowGroup(PageReadStore pages, BlockMetaData block, MessageType projection, String createdBy) {
            this.pages = pages;
            this.block = block;
            this.projection = projection;
            this.readers = new ColumnReadStoreImpl(pages, ColumnsOnly.NO_RECORDS, projection, createdBy);
            this.rows = Math.toIntExact(pages.getRowCount());
            this.present = new boolean[rows];
            Arrays.fill(present, true);
        }

        /**
         * Appends the row group's fixes to {@code out}, or with their positions to {@code written}; returns how many
         * rows it left out for a timestamp no fix can have.
         */
        int read(List<Fix> out, WrittenOrder written) {
            long[] ids = longs("id");
            long[] seconds = longs("timestamp");
            double[] lat = doubles("latitude");
            double[] lon = doubles("longitude");
            double[] alt = doubles("altitude");
            toKilometres(alt);
            long[] partitions = written == null ? null : longs("kafka_partition");
            long[] offsets = written == null ? null : longs("kafka_offset");
            int outOfRange = 0;
            for (int i = 0; i < rows; i++) {
                if (present[i]) {
                    if (seconds[i] < 0 || seconds[i] > Telemetry.LAST_STORABLE_SECOND) {
                        outOfRange++;
                        continue;
                    }
                    Fix fix = new Fix(ids[i], seconds[i] * 1_000_000L, lat[i], lon[i], alt[i]);
                    if (written == null) {
                        out.add(fix);
                    } else {
                        written.add(fix, (int) partitions[i], offsets[i]);
                    }
                }
            }
            return outOfRange;
        }

        private void toKilometres(double[] alt) {
            Object same = constant("units");
            if (KILOMETERS.equals(same)) {
                return;
            }
            if (MILES.equals(same)) {
                for (int i = 0; i < rows; i++) {
                    alt[i] = Units.MILES.toKilometres(alt[i]);
                }
                return;
            }
            ColumnReader units = readers.getColumnReader(descriptor("units"));
            int maxDef = units.getDescriptor().getMaxDefinitionLevel();
            for (int i = 0; i < rows; i++) {
                if (units.getCurrentDefinitionLevel() == maxDef) {
                    if (MILES.equals(units.getBinary())) {
                        alt[i] = Units.MILES.toKilometres(alt[i]);
                    }
                } else {
                    present[i] = false;
                }
                units.consume();
            }
        }

        /** A column of 64-bit integers, or of 32-bit ones (Kafka partitions) widened. */
        private long[] longs(String column) {
            long[] into = new long[rows];
            Object same = constant(column);
            boolean int32 = descriptor(column).getPrimitiveType().getPrimitiveTypeName()
                    == PrimitiveType.PrimitiveTypeName.INT32;
            if (same instanceof Long || same instanceof Integer) {
                Arrays.fill(into, ((Number) same).longValue());
            } else if (!int32 && isPlainAndRequired(column)) {
                int at = 0;
                for (ByteBuffer values : plainPages(column)) {
                    int n = values.remaining() / Long.BYTES;
                    values.asLongBuffer().get(into, at, n);
                    at += n;
                }
            } else {
                ColumnReader reader = readers.getColumnReader(descriptor(column));
                int maxDef = reader.getDescriptor().getMaxDefinitionLevel();
                for (int i = 0; i < rows; i++) {
                    if (reader.getCurrentDefinitionLevel() == maxDef) {
                        into[i] = int32 ? reader.getInteger() : reader.getLong();
                    } else {
                        present[i] = false;
                    }
                    reader.consume();
                }
            }
            return into;
        }

        private double[] doubles(String column) {
            double[] into = new double[rows];
            if (constant(column) instanceof Double value) {
                Arrays.fill(into, value);
            } else if (isPlainAndRequired(column)) {
                int at = 0;
                for (ByteBuffer values : plainPages(column)) {
                    int n = values.remaining() / Double.BYTES;
                    values.asDoubleBuffer().get(into, at, n);
                    at += n;
                }
            } else {
                ColumnReader reader = readers.getColumnReader(descriptor(column));
                int maxDef = reader.getDescriptor().getMaxDefinitionLevel();
                for (int i = 0; i < rows; i++) {
                    if (reader.getCurrentDefinitionLevel() == maxDef) {
                        into[i] = reader.getDouble();
                    } else {
                        present[i] = false;
                    }
                    reader.consume();
                }
            }
            return into;
        }

        /** The single value of a column whose chunk statistics say all rows hold it, else {@code null}. */
        private Object constant(String column) {
            Statistics<?> stats = statisticsOf(chunk(column));
            if (stats == null) {
                return null;
            }
            Object min = stats.genericGetMin();
            return min.equals(stats.genericGetMax()) ? min : null;
        }

        private boolean isPlainAndRequired(String column) {
            ColumnChunkMetaData chunk = chunk(column);
            ColumnDescriptor descriptor = descriptor(column);
            return descriptor.getMaxDefinitionLevel() == 0 && descriptor.getMaxRepetitionLevel() == 0
                    && !chunk.hasDictionaryPage() && chunk.getEncodings().contains(Encoding.PLAIN)
                    && chunk.getEncodings().stream().noneMatch(Encoding::usesDictionary);
        }

        /** The value bytes of each page of a required PLAIN column (no levels are stored for it), little-endian. */
        private List<ByteBuffer> plainPages(String column) {
            PageReader reader = pages.getPageReader(descriptor(column));
            List<ByteBuffer> values = new java.util.ArrayList<>();
            try {
                for (DataPage page = reader.readPage(); page != null; page = reader.readPage()) {
                    ByteBuffer bytes = page instanceof DataPageV2 v2 ? v2.getData().toByteBuffer()
                            : ((DataPageV1) page).getBytes().toByteBuffer();
                    values.add(bytes.slice().order(ByteOrder.LITTLE_ENDIAN));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot decode column " + column, e);
            }
            return values;
        }

        private ColumnChunkMetaData chunk(String column) {
            ColumnChunkMetaData chunk = chunkOf(block, column);
            if (chunk == null) {
                throw new IllegalStateException("bronze file has no column " + column);
            }
            return chunk;
        }

        private ColumnDescriptor descriptor(String column) {
            return projection.getColumnDescription(new String[] {column});
        }
    }
}
