package org.esa.iss.adapter.delta;

import java.io.IOException;
import java.util.Map;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * A Parquet file written column by column: rows go into the encoder's column buffers, and every
 * {@link #ROWS_PER_ROW_GROUP} rows (and at close) each column is written as one compressed page of its row
 * group. parquet-mr's record API spends most of each value in generic per-value bookkeeping; here a value
 * is an array store, and a page a bulk copy, one statistics pass and one compression.
 */
final class ColumnarFile<R> {
    /** 128k rows: pages of 1 MiB for a double column, the size parquet-mr aims for, and bounded buffers. */
    static final int ROWS_PER_ROW_GROUP = 128 * 1024;

    private final ParquetFileWriter writer;
    private final ColumnarEncoder<R> encoder;
    private final CompressionCodecName codec;
    private final BytesInputCompressor compressor;
    private int rows;

    ColumnarFile(OutputFile file, MessageType schema, ColumnarEncoder<R> encoder, CompressionCodecName codec,
                 BytesInputCompressor compressor) throws IOException {
        this.writer = new ParquetFileWriter(file, schema, ParquetFileWriter.Mode.CREATE, Long.MAX_VALUE, 0,
                ParquetProperties.DEFAULT_COLUMN_INDEX_TRUNCATE_LENGTH, ParquetProperties.DEFAULT_STATISTICS_TRUNCATE_LENGTH,
                ParquetProperties.DEFAULT_PAGE_WRITE_CHECKSUM_ENABLED);
        this.encoder = encoder;
        this.codec = codec;
        this.compressor = compressor;
        writer.start();
    }

    void write(R row, long writeMicros) throws IOException {
        encoder.add(row, writeMicros);
        if (++rows == ROWS_PER_ROW_GROUP) {
            writeRowGroup();
        }
    }

    /** Writes what is buffered and the footer; returns the footer (with every chunk's statistics). */
    ParquetMetadata close(Map<String, String> metadata) throws IOException {
        if (rows > 0) {
            writeRowGroup();
        }
        writer.end(metadata);
        return writer.getFooter();
    }

    /** Closes the file without a footer: it is never committed, and vacuum removes it. */
    void abandon() throws IOException {
        writer.close();
    }

    private void writeRowGroup() throws IOException {
        writer.startBlock(rows);
        for (ColumnBuffer column : encoder.columns()) {
            writer.startColumn(column.descriptor, rows, codec);
            column.writeChunk(writer, compressor);
            writer.endColumn();
        }
        writer.endBlock();
        rows = 0;
    }
}
