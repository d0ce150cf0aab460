package org.esa.iss.adapter.delta;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.GroupWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Writes rows read generically back out (compaction), with the table's schema. */
final class GroupCopySupport extends WriteSupport<Group> {
    private final MessageType schema;
    private GroupWriter writer;

    GroupCopySupport(MessageType schema) {
        this.schema = schema;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, Map.of("writer", "iss-lakehouse compaction"));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        writer = new GroupWriter(recordConsumer, schema);
    }

    @Override
    public void write(Group record) {
        writer.write(record);
    }
}
