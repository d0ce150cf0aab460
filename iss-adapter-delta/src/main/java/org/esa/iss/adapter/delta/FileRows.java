package org.esa.iss.adapter.delta;

import java.io.IOException;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/** Copies a data file's rows, schema-agnostic, for rewrites. */
final class FileRows {
    private FileRows() {
    }

    /** Writes every row of the table file {@code relativePath} to {@code out}; returns how many. */
    static long copy(TableStorage storage, String relativePath, ParquetWriter<Group> out) throws IOException {
        long rows = 0;
        try (ParquetFileReader reader = ParquetFileReader.open(storage.inputFile(storage.resolve(relativePath)),
                storage.readOptions())) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = io.getRecordReader(rowGroup, new GroupRecordConverter(schema));
                for (long i = 0; i < rowGroup.getRowCount(); i++) {
                    out.write(records.read());
                    rows++;
                }
            }
        }
        return rows;
    }
}
