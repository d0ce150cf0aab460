package org.esa.iss.adapter.delta;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Rows of existing data files copied column by column into a {@link ColumnarFile}: how compaction rewrites
 * a table whose columns are all required and flat (bronze, gold windows), several times faster than
 * assembling and disassembling each row as a record.
 */
final class CopiedColumns implements ColumnarEncoder<ColumnReader[]> {
    private final MessageType schema;
    private final List<ColumnBuffer> columns = new ArrayList<>();

    CopiedColumns(MessageType schema) {
        this.schema = schema;
        for (ColumnDescriptor column : schema.getColumns()) {
            PrimitiveType type = column.getPrimitiveType();
            columns.add(switch (type.getPrimitiveTypeName()) {
                case INT64 -> new ColumnBuffer.Longs(column);
                case INT32 -> new ColumnBuffer.Ints(column);
                case DOUBLE -> new ColumnBuffer.Doubles(column);
                case BINARY -> new ColumnBuffer.Strings(column);
                default -> throw new IllegalArgumentException("no column buffer for " + type);
            });
        }
    }

    /** True when every column is required, flat, and of a type {@link ColumnBuffer} writes. */
    static boolean supports(MessageType schema) {
        for (Type field : schema.getFields()) {
            if (!field.isPrimitive() || !field.isRepetition(Type.Repetition.REQUIRED)) {
                return false;
            }
            PrimitiveType type = field.asPrimitiveType();
            boolean supported = switch (type.getPrimitiveTypeName()) {
                case INT64, INT32, DOUBLE -> true;
                case BINARY -> LogicalTypeAnnotation.stringType().equals(type.getLogicalTypeAnnotation());
                default -> false;
            };
            if (!supported) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<ColumnBuffer> columns() {
        return columns;
    }

    /** Appends the readers' current row (the row is the readers, one per column, in schema order). */
    @Override
    public void add(ColumnReader[] row, long writeMicros) {
        for (int i = 0; i < row.length; i++) {
            columns.get(i).copyFrom(row[i]);
            row[i].consume();
        }
    }

    /** Copies every row of an open file (whose schema must be this one) into {@code out}; returns how many. */
    long copy(ParquetFileReader file, ColumnarFile<ColumnReader[]> out) throws IOException {
        String createdBy = file.getFooter().getFileMetaData().getCreatedBy();
        long rows = 0;
        PageReadStore rowGroup;
        while ((rowGroup = file.readNextRowGroup()) != null) {
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(rowGroup, ColumnsOnly.NO_RECORDS, schema, createdBy);
            ColumnReader[] readers = schema.getColumns().stream().map(store::getColumnReader).toArray(ColumnReader[]::new);
            for (long i = 0; i < rowGroup.getRowCount(); i++) {
                out.write(readers, 0);
            }
            rows += rowGroup.getRowCount();
        }
        return rows;
    }
}
