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
 * Reads the rows of a gold data file, or of one of its row groups. A query reads a row group of windows at a time
 * (131,072 at most, as this module writes them) or a table of orbits (16 a day), so Parquet's generic record
 * assembly is plenty here.
 */
final class GoldRows {
    private static final int ALL_ROW_GROUPS = -1;

    private GoldRows() {
    }

    /** Adds every row of the data file at {@code relativePath} to {@code out}. */
    static <R> void read(TableStorage storage, String relativePath, Function<Group, R> decode, List<R> out) {
        read(storage, relativePath, ALL_ROW_GROUPS, decode, out);
    }

    /** Adds the rows of one row group (by its index in the file) to {@code out}. */
    static <R> void readRowGroup(TableStorage storage, String relativePath, int rowGroup, Function<Group, R> decode,
                                 List<R> out) {
        read(storage, relativePath, rowGroup, decode, out);
    }

    /** Reads row group {@code only}, or every row group. */
    private static <R> void read(TableStorage storage, String relativePath, int only, Function<Group, R> decode,
                                 List<R> out) {
        withReader(storage, relativePath, reader -> {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
            if (only != ALL_ROW_GROUPS) {
                decode(io, schema, reader.readRowGroup(only), decode, out);
                return null;
            }
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                decode(io, schema, rowGroup, decode, out);
            }
            return null;
        });
    }

    /** What is done with an open data file. */
    interface ReaderWork<T> {
        T apply(ParquetFileReader reader) throws IOException;
    }

    /** Opens the data file at {@code relativePath}, does {@code work} with it and closes it; read errors say which file. */
    static <T> T withReader(TableStorage storage, String relativePath, ReaderWork<T> work) {
        var path = storage.resolve(relativePath);
        try (ParquetFileReader reader = ParquetFileReader.open(storage.inputFile(path), storage.readOptions())) {
            return work.apply(reader);
        } catch (FileNotFoundException e) {
            throw new IllegalStateException("table file " + path + " is referenced by the table but missing", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static <R> void decode(MessageColumnIO io, MessageType schema, PageReadStore rowGroup,
                                   Function<Group, R> decode, List<R> out) {
        RecordReader<Group> records = io.getRecordReader(rowGroup, new GroupRecordConverter(schema));
        for (long i = 0; i < rowGroup.getRowCount(); i++) {
            out.add(decode.apply(records.read()));
        }
    }
}
