package org.esa.iss.adapter.delta;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Reads every row of a gold data file. Gold tables hold thousands of rows, not millions,
 * so Parquet's generic record assembly is plenty here.
 */
final class GoldRows {
    private GoldRows() {
    }

    static <R> void read(TableStorage storage, String relativePath, Function<Group, R> decode, List<R> out) {
        var path = storage.resolve(relativePath);
        try (ParquetFileReader reader = ParquetFileReader.open(storage.inputFile(path), storage.readOptions())) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = io.getRecordReader(rowGroup, new GroupRecordConverter(schema));
                for (long i = 0; i < rowGroup.getRowCount(); i++) {
                    out.add(decode.apply(records.read()));
                }
            }
        } catch (FileNotFoundException e) {
            throw new IllegalStateException("table file " + path + " is referenced by the table but missing", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
