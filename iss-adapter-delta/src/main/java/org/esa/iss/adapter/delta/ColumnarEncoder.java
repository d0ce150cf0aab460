package org.esa.iss.adapter.delta;

import java.util.List;

/**
 * Splits rows of a table into its columns, for {@link ColumnarFile}: the fast way to write a table whose
 * columns are all required and flat (bronze). One instance per open file; reused after the file is closed.
 *
 * @param <R> the row type
 */
interface ColumnarEncoder<R> {

    /** The column buffers, in schema order. */
    List<ColumnBuffer> columns();

    /** Appends one row's values to the columns; {@code writeMicros} stamps the lineage column. */
    void add(R row, long writeMicros);
}
