package org.esa.iss.adapter.delta;

import io.delta.standalone.actions.AddFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows as data files: one file per partition value per commit, rows in arrival order, and returns
 * the {@code AddFile} actions (with statistics) that make them part of the table once committed.
 * Nothing written here is visible to readers until that commit. Files are written either through
 * Parquet's record API ({@link #records}) or column by column ({@link #columnar}, for bronze's volume).
 */
final class DataFileWriter<R> {
    /** Key-value metadata of every data file this adapter writes. */
    static final Map<String, String> FILE_METADATA = Map.of("writer", "iss-lakehouse");
    /** Follows a failure to create or write a data file: what the operator can check, before the cause. */
    private static final String WHAT_TO_CHECK = " (the table's directory must be a directory this user may write to,"
            + " on a disk with room)";

    private final TableStorage storage;
    private final TableLayout layout;
    private final Partitioner<R> partitioner;
    private final FileFormat<R> format;
    private final DeltaTableOptions options;

    private DataFileWriter(TableStorage storage, TableLayout layout, Partitioner<R> partitioner, FileFormat<R> format,
                           DeltaTableOptions options) {
        this.storage = storage;
        this.layout = layout;
        this.partitioner = partitioner;
        this.format = format;
        this.options = options;
    }

    /** Files written row by row through Parquet's record API by {@code encoder}. */
    static <R> DataFileWriter<R> records(TableStorage storage, TableLayout layout, RowEncoder<R> encoder,
                                         DeltaTableOptions options) {
        return new DataFileWriter<>(storage, layout, encoder, path -> {
            EncoderWriteSupport<R> support = new EncoderWriteSupport<>(layout.parquetSchema(), encoder);
            ParquetWriter<R> writer = open(storage, path, layout.parquetSchema(), support, layout, options);
            return new RecordFile<>(support, writer);
        }, options);
    }

    /** Files written column by column ({@link ColumnarFile}); the table's columns must be required and flat. */
    static <R> DataFileWriter<R> columnar(TableStorage storage, TableLayout layout, Partitioner<R> partitioner,
                                          Supplier<ColumnarEncoder<R>> encoders, DeltaTableOptions options) {
        Deque<ColumnarEncoder<R>> idle = new ArrayDeque<>();
        return new DataFileWriter<>(storage, layout, partitioner, path -> {
            ColumnarEncoder<R> encoder;
            synchronized (idle) {
                encoder = idle.isEmpty() ? encoders.get() : idle.pop();
            }
            CodecFactory codecs = new CodecFactory(storage.conf(), 1 << 20);
            ColumnarFile<R> file = new ColumnarFile<>(storage.outputFile(path), layout.parquetSchema(), encoder, codec(options),
                    codecs.getCompressor(codec(options)));
            return new ColumnFile<>(file, () -> {
                codecs.release();
                synchronized (idle) {
                    // column buffers are kept for the next file: a batch after batch reuses the same arrays
                    encoder.columns().forEach(ColumnBuffer::reset);
                    idle.push(encoder);
                }
            });
        }, options);
    }

    /** Writes the rows (all stamped with {@code commitMicros}) and returns their files' actions. */
    List<AddFile> write(List<R> rows, long commitMicros, boolean dataChange) {
        OpenFiles files = open(dataChange);
        try {
            files.write(rows, commitMicros);
            return files.finish();
        } catch (RuntimeException e) {
            files.discard();
            throw e;
        }
    }

    /** Starts a set of files that rows are written into as they arrive, for one commit. */
    OpenFiles open(boolean dataChange) {
        return new OpenFiles(dataChange);
    }

    /**
     * The files of one commit while they are being written: one per partition value, rows encoded the moment
     * they are handed over, so a batch of any size occupies only Parquet's column buffers.
     */
    final class OpenFiles {
        private final boolean dataChange;
        private final boolean partitioned = layout.partitionColumn().isPresent();
        private final Map<String, OpenFile> byPartition = new LinkedHashMap<>();
        private OpenFile last;

        private OpenFiles(boolean dataChange) {
            this.dataChange = dataChange;
        }

        /** Encodes the rows; {@code writeMicros} stamps their lineage column and picks time-based partitions. */
        void write(List<R> rows, long writeMicros) {
            try {
                for (R row : rows) {
                    String partitionValue = partitioned ? partitioner.partitionValue(row, writeMicros) : "";
                    OpenFile file = last != null && last.partitionValue.equals(partitionValue)
                            ? last : byPartition.computeIfAbsent(partitionValue, this::create);
                    file.data.write(row, writeMicros);
                    last = file;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write a data file of table " + layout.name(), e);
            }
        }

        /** Closes every file and returns the actions that add them, with statistics. */
        List<AddFile> finish() {
            List<AddFile> files = new ArrayList<>(byPartition.size());
            for (OpenFile file : byPartition.values()) {
                files.add(file.close(dataChange));
            }
            byPartition.clear();
            last = null;
            return files;
        }

        /** Abandons the files; what was already on disk stays unreferenced, as after a crash. */
        void discard() {
            for (OpenFile file : byPartition.values()) {
                try {
                    file.data.abandon();
                } catch (IOException | RuntimeException ignored) {
                    // nothing references the file; vacuum removes it
                }
            }
            byPartition.clear();
            last = null;
        }

        private OpenFile create(String partitionValue) {
            String fileName = "part-00000-" + UUID.randomUUID() + ".c000." + codec().name().toLowerCase() + ".parquet";
            String relative = layout.partitionColumn().map(c -> c + "=" + partitionValue + "/" + fileName).orElse(fileName);
            Path path = storage.resolve(relative);
            try {
                return new OpenFile(partitionValue, relative, path, format.create(path));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create data file " + path + " of table " + layout.name() + WHAT_TO_CHECK, e);
            }
        }
    }

    private final class OpenFile {
        final String partitionValue;
        final String relative;
        final Path path;
        final DataFile<R> data;

        OpenFile(String partitionValue, String relative, Path path, DataFile<R> data) {
            this.partitionValue = partitionValue;
            this.relative = relative;
            this.path = path;
            this.data = data;
        }

        AddFile close(boolean dataChange) {
            try {
                ParquetMetadata footer = data.close();
                long size = storage.length(path);
                Map<String, String> partitionValues = layout.partitionColumn().map(c -> Map.of(c, partitionValue)).orElse(Map.of());
                return AddFile.builder(relative, partitionValues, size, options.clock().millis(), dataChange)
                        // delta-standalone writes this value into the log verbatim: it must already be a JSON
                        // string literal, the stats object serialized and quoted, as the protocol stores it.
                        .stats(Json.quote(FileStatistics.json(footer)))
                        .build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write data file " + path + " of table " + layout.name() + WHAT_TO_CHECK, e);
            }
        }
    }

    /** The partition value of a row ({@code yyyy-MM-dd}); {@code null} for an unpartitioned table. */
    interface Partitioner<R> {
        String partitionValue(R row, long writeMicros);
    }

    /** How one data file is created. */
    private interface FileFormat<R> {
        DataFile<R> create(Path path) throws IOException;
    }

    /** One data file being written. */
    private interface DataFile<R> {
        void write(R row, long writeMicros) throws IOException;

        /** Finishes the file; its footer carries the statistics. */
        ParquetMetadata close() throws IOException;

        void abandon() throws IOException;
    }

    private record RecordFile<R>(EncoderWriteSupport<R> support, ParquetWriter<R> writer) implements DataFile<R> {
        @Override
        public void write(R row, long writeMicros) throws IOException {
            support.stampMicros(writeMicros);
            writer.write(row);
        }

        @Override
        public ParquetMetadata close() throws IOException {
            writer.close();
            return writer.getFooter();
        }

        @Override
        public void abandon() throws IOException {
            writer.close();
        }
    }

    private record ColumnFile<R>(ColumnarFile<R> file, Runnable release) implements DataFile<R> {
        @Override
        public void write(R row, long writeMicros) throws IOException {
            file.write(row, writeMicros);
        }

        @Override
        public ParquetMetadata close() throws IOException {
            try {
                return file.close(FILE_METADATA);
            } finally {
                release.run();
            }
        }

        @Override
        public void abandon() throws IOException {
            try {
                file.abandon();
            } finally {
                release.run();
            }
        }
    }

    private CompressionCodecName codec() {
        return codec(options);
    }

    static CompressionCodecName codec(DeltaTableOptions options) {
        return options.compression() == DeltaTableOptions.Compression.ZSTD ? CompressionCodecName.ZSTD : CompressionCodecName.SNAPPY;
    }

    /**
     * A Parquet writer with the table's encoding choices: dictionaries only for the layout's low-cardinality
     * columns (a dictionary over ever-changing doubles is pure overhead), v1 pages for the widest reader support.
     */
    static <T> ParquetWriter<T> open(TableStorage storage, Path path, MessageType schema, WriteSupport<T> support,
                                     TableLayout layout, DeltaTableOptions options) throws IOException {
        Builder<T> builder = new Builder<>(storage.outputFile(path), support)
                .withConf(storage.conf())
                .withCompressionCodec(codec(options))
                .withRowGroupSize(options.rowGroupBytes())
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withDictionaryEncoding(false);
        for (var column : schema.getColumns()) {
            String name = String.join(".", column.getPath());
            if (layout.dictionaryColumns().contains(name)) {
                builder.withDictionaryEncoding(name, true);
            }
        }
        return builder.build();
    }

    private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
        private final WriteSupport<T> support;

        Builder(OutputFile file, WriteSupport<T> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(Configuration conf) {
            return support;
        }
    }
}
