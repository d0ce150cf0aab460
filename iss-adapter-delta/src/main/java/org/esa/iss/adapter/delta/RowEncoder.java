package org.esa.iss.adapter.delta;

import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writes one row of a table straight into Parquet's record consumer: no intermediate record objects, one
 * call per value.
 *
 * @param <R> the row type
 */
interface RowEncoder<R> extends DataFileWriter.Partitioner<R> {

    /** Writes the row's fields; {@code writeMicros} is when the row is written, for lineage columns. */
    void write(R row, RecordConsumer out, long writeMicros);
}
