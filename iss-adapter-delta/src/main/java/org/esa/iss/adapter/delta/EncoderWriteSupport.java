package org.esa.iss.adapter.delta;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Parquet's write hook for a {@link RowEncoder}: the schema comes from the layout, each row from the encoder. */
final class EncoderWriteSupport<R> extends WriteSupport<R> {
    private final MessageType schema;
    private final RowEncoder<R> encoder;
    private long writeMicros;
    private RecordConsumer out;

    EncoderWriteSupport(MessageType schema, RowEncoder<R> encoder) {
        this.schema = schema;
        this.encoder = encoder;
    }

    /** The time stamped into the lineage column of the rows written next. */
    void stampMicros(long micros) {
        this.writeMicros = micros;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, DataFileWriter.FILE_METADATA);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(R row) {
        out.startMessage();
        encoder.write(row, out, writeMicros);
        out.endMessage();
    }
}
