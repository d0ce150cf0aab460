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
 * Writes a batch of rows as data files: one file per partition value, rows in arrival order, and returns
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

    List<AddFile> write(List<R> rows, long commitMicros, boolean dataChange) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<AddFile> files = new ArrayList<>();
        for (Map.Entry<String, List<R>> group : byPartition(rows, commitMicros).entrySet()) {
            files.add(writeFile(group.getKey(), group.getValue(), commitMicros, dataChange));
        }
        return files;
    }

    private Map<String, List<R>> byPartition(List<R> rows, long commitMicros) {
        if (layout.partitionColumn().isEmpty()) {
            return Map.of("", rows);
        }
        Map<String, List<R>> groups = new LinkedHashMap<>();
        String first = encoder.partitionValue(rows.get(0), commitMicros);
        String last = encoder.partitionValue(rows.get(rows.size() - 1), commitMicros);
        if (first.equals(last) && allIn(rows, first, commitMicros)) {
            groups.put(first, rows);
            return groups;
        }
        for (R row : rows) {
            groups.computeIfAbsent(encoder.partitionValue(row, commitMicros), k -> new ArrayList<>()).add(row);
        }
        return groups;
    }

    private boolean allIn(List<R> rows, String partition, long commitMicros) {
        for (R row : rows) {
            if (!partition.equals(encoder.partitionValue(row, commitMicros))) {
                return false;
            }
        }
        return true;
    }

    private AddFile writeFile(String partitionValue, List<R> rows, long commitMicros, boolean dataChange) {
        String fileName = "part-00000-" + UUID.randomUUID() + ".c000." + codec().name().toLowerCase() + ".parquet";
        String relative = layout.partitionColumn().map(c -> c + "=" + partitionValue + "/" + fileName).orElse(fileName);
        Path path = storage.resolve(relative);
        try {
            ParquetWriter<R> writer = open(path, layout.parquetSchema(),
                    new EncoderWriteSupport<>(layout.parquetSchema(), encoder, commitMicros));
            try (writer) {
                for (R row : rows) {
                    writer.write(row);
                }
            }
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
