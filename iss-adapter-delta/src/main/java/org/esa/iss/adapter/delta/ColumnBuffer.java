package org.esa.iss.adapter.delta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.BinaryStatistics;
import org.apache.parquet.column.statistics.DoubleStatistics;
import org.apache.parquet.column.statistics.IntStatistics;
import org.apache.parquet.column.statistics.LongStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.api.Binary;

/**
 * The values of one required column for the rows of a row group, kept in a primitive array and written
 * as one compressed data page with its statistics. Numbers are PLAIN (a dictionary over ever-changing
 * doubles is pure overhead); strings are dictionary-encoded, which is what pays for the few distinct
 * names, units and sources a telemetry stream repeats. Arrays are reused from one row group to the next.
 */
abstract class ColumnBuffer {
    // Required columns store no levels; this is the encoding parquet-mr declares for them in v1 pages.
    @SuppressWarnings("deprecation")
    private static final Encoding NO_LEVELS = Encoding.BIT_PACKED;

    final ColumnDescriptor descriptor;
    int size;
    private byte[] page = new byte[0];

    ColumnBuffer(ColumnDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    /** Writes this row group's values as the column chunk (the writer's column is already started), then forgets them. */
    final void writeChunk(ParquetFileWriter out, BytesInputCompressor compressor) throws IOException {
        writePages(out, compressor);
        reset();
    }

    /** Forgets the buffered values, keeping the arrays. */
    void reset() {
        size = 0;
    }

    abstract void writePages(ParquetFileWriter out, BytesInputCompressor compressor) throws IOException;

    /** Appends the reader's current value (compaction copies files column by column). */
    abstract void copyFrom(ColumnReader reader);

    static void writeDataPage(ParquetFileWriter out, BytesInputCompressor compressor, byte[] page, int length,
                              int values, Statistics<?> statistics, Encoding encoding) throws IOException {
        BytesInput compressed = compressor.compress(BytesInput.from(page, 0, length));
        out.writeDataPage(values, length, compressed, statistics, values, NO_LEVELS, NO_LEVELS, encoding);
    }

    /** A little-endian view of this column's reusable page buffer, at least {@code length} bytes long. */
    final ByteBuffer plainPage(int length) {
        if (page.length < length) {
            page = new byte[length];
        }
        return ByteBuffer.wrap(page, 0, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes the page filled through {@link #plainPage}: {@code size} PLAIN values of {@code width} bytes. */
    final void writePlainPage(ParquetFileWriter out, BytesInputCompressor compressor, int width, Statistics<?> statistics)
            throws IOException {
        writeDataPage(out, compressor, page, size * width, size, statistics, Encoding.PLAIN);
    }

    static int grown(int capacity) {
        return Math.max(1024, capacity + (capacity >> 1));
    }

    /** INT64 values (ids, seconds, offsets, microsecond timestamps). */
    static final class Longs extends ColumnBuffer {
        private long[] values = new long[1024];

        Longs(ColumnDescriptor descriptor) {
            super(descriptor);
        }

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, grown(size));
            }
            values[size++] = value;
        }

        @Override
        void copyFrom(ColumnReader reader) {
            add(reader.getLong());
        }

        @Override
        void writePages(ParquetFileWriter out, BytesInputCompressor compressor) throws IOException {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < size; i++) {
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
            plainPage(size * Long.BYTES).asLongBuffer().put(values, 0, size);
            LongStatistics statistics = (LongStatistics) Statistics.createStats(descriptor.getPrimitiveType());
            statistics.setMinMax(min, max);
            writePlainPage(out, compressor, Long.BYTES, statistics);
        }
    }

    /** INT32 values (Kafka partitions). */
    static final class Ints extends ColumnBuffer {
        private int[] values = new int[1024];

        Ints(ColumnDescriptor descriptor) {
            super(descriptor);
        }

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, grown(size));
            }
            values[size++] = value;
        }

        @Override
        void copyFrom(ColumnReader reader) {
            add(reader.getInteger());
        }

        @Override
        void writePages(ParquetFileWriter out, BytesInputCompressor compressor) throws IOException {
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            for (int i = 0; i < size; i++) {
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
            plainPage(size * Integer.BYTES).asIntBuffer().put(values, 0, size);
            IntStatistics statistics = (IntStatistics) Statistics.createStats(descriptor.getPrimitiveType());
            statistics.setMinMax(min, max);
            writePlainPage(out, compressor, Integer.BYTES, statistics);
        }
    }

    /** DOUBLE values; finite only (telemetry is validated before it gets here), so min/max need no NaN rules. */
    static final class Doubles extends ColumnBuffer {
        private double[] values = new double[1024];

        Doubles(ColumnDescriptor descriptor) {
            super(descriptor);
        }

        void add(double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, grown(size));
            }
            values[size++] = value;
        }

        @Override
        void copyFrom(ColumnReader reader) {
            add(reader.getDouble());
        }

        @Override
        void writePages(ParquetFileWriter out, BytesInputCompressor compressor) throws IOException {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < size; i++) {
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
            plainPage(size * Double.BYTES).asDoubleBuffer().put(values, 0, size);
            DoubleStatistics statistics = (DoubleStatistics) Statistics.createStats(descriptor.getPrimitiveType());
            // -0.0 and 0.0 compare equal in Parquet's order; writing them as bounds the way parquet-mr does
            statistics.setMinMax(min == 0 ? -0.0 : min, max == 0 ? 0.0 : max);
            writePlainPage(out, compressor, Double.BYTES, statistics);
        }
    }

    /** UTF-8 strings, dictionary-encoded: one dictionary page, then the entries' indices run-length encoded. */
    static final class Strings extends ColumnBuffer {
        private final Map<String, Integer> ids = new HashMap<>();
        private String[] dictionary = new String[16];
        private int[] indices = new int[1024];
        private String lastValue;
        private int lastId;
        private Binary lastCopied;
        private String lastCopiedText;

        Strings(ColumnDescriptor descriptor) {
            super(descriptor);
        }

        void add(String value) {
            int id;
            if (value.equals(lastValue)) {
                id = lastId;
            } else {
                id = ids.computeIfAbsent(value, this::newEntry);
                lastValue = value;
                lastId = id;
            }
            if (size == indices.length) {
                indices = Arrays.copyOf(indices, grown(size));
            }
            indices[size++] = id;
        }

        @Override
        void copyFrom(ColumnReader reader) {
            // a column repeats a few values: decode a value only when it differs from the one before
            Binary value = reader.getBinary();
            if (!value.equals(lastCopied)) {
                lastCopied = value.copy();
                lastCopiedText = value.toStringUsingUTF8();
            }
            add(lastCopiedText);
        }

        private int newEntry(String value) {
            int id = ids.size();
            if (id == dictionary.length) {
                dictionary = Arrays.copyOf(dictionary, id * 2);
            }
            dictionary[id] = value;
            return id;
        }

        @Override
        void writePages(ParquetFileWriter out, BytesInputCompressor compressor) throws IOException {
            int entries = ids.size();
            BinaryStatistics statistics = (BinaryStatistics) Statistics.createStats(descriptor.getPrimitiveType());
            java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < entries; i++) {
                byte[] utf8 = dictionary[i].getBytes(StandardCharsets.UTF_8);
                BytesUtils.writeIntLittleEndian(plain, utf8.length);
                plain.write(utf8);
                statistics.updateStats(Binary.fromConstantByteArray(utf8));
            }
            byte[] dictionaryBytes = plain.toByteArray();
            out.writeDictionaryPage(new DictionaryPage(compressor.compress(BytesInput.from(dictionaryBytes)),
                    dictionaryBytes.length, entries, Encoding.PLAIN_DICTIONARY));

            int bitWidth = BytesUtils.getWidthFromMaxInt(entries - 1);
            try (RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(
                    bitWidth, 64 * 1024, 64 * 1024 * 1024, HeapByteBufferAllocator.getInstance())) {
                for (int i = 0; i < size; i++) {
                    encoder.writeInt(indices[i]);
                }
                byte[] page = BytesInput.concat(BytesInput.from(new byte[] {(byte) bitWidth}), encoder.toBytes()).toByteArray();
                writeDataPage(out, compressor, page, page.length, size, statistics, Encoding.PLAIN_DICTIONARY);
            }
        }

        @Override
        void reset() {
            super.reset();
            Arrays.fill(dictionary, 0, ids.size(), null);
            ids.clear();
            lastValue = null;
        }
    }
}
