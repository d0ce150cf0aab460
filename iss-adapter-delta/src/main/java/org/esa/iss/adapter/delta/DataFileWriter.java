package org.esa.iss.adapter.delta;

import io.delta.standalone.actions.AddFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows as data files: one file per partition value per commit, rows in arrival order, and returns
 * the {@code AddFile} actions (with statistics) that make them part of the table once committed.
 * Nothing written here is visible to readers until that commit.
 */
final class DataFileWriter<R> {
    private final TableStorage storage;
    private final TableLayout layout;
    private final RowEncoder<R> encoder;
    private final DeltaTableOptions options;

    DataFileWriter(TableStorage storage, TableLayout layout, RowEncoder<R> encoder, DeltaTableOptions options) {
        this.storage = storage;
        this.layout = layout;
        this.encoder = encoder;
        this.options = options;
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
                    String partitionValue = partitioned ? encoder.partitionValue(row, writeMicros) : "";
                    OpenFile file = last != null && last.partitionValue.equals(partitionValue)
                            ? last : byPartition.computeIfAbsent(partitionValue, this::create);
                    file.support.stampMicros(writeMicros);
                    file.writer.write(row);
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
                    file.writer.close();
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
            EncoderWriteSupport<R> support = new EncoderWriteSupport<>(layout.parquetSchema(), encoder);
            try {
                return new OpenFile(partitionValue, relative, path, support, DataFileWriter.this.open(path, layout.parquetSchema(), support));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create data file " + path + " of table " + layout.name(), e);
            }
        }
    }

    private final class OpenFile {
        final String partitionValue;
        final String relative;
        final Path path;
        final EncoderWriteSupport<R> support;
        final ParquetWriter<R> writer;

        OpenFile(String partitionValue, String relative, Path path, EncoderWriteSupport<R> support, ParquetWriter<R> writer) {
            this.partitionValue = partitionValue;
            this.relative = relative;
            this.path = path;
            this.support = support;
            this.writer = writer;
        }

        AddFile close(boolean dataChange) {
            try {
                writer.close();
                long size = storage.length(path);
                Map<String, String> partitionValues = layout.partitionColumn().map(c -> Map.of(c, partitionValue)).orElse(Map.of());
                return AddFile.builder(relative, partitionValues, size, options.clock().millis(), dataChange)
                        // delta-standalone writes this value into the log verbatim: it must already be a JSON
                        // string literal, the stats object serialized and quoted, as the protocol stores it.
                        .stats(Json.quote(FileStatistics.json(writer.getFooter())))
                        .build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write data file " + path + " of table " + layout.name(), e);
            }
        }
    }

    private <T> ParquetWriter<T> open(Path path, MessageType schema, WriteSupport<T> support) throws IOException {
        return open(storage, path, schema, support, layout, options);
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
