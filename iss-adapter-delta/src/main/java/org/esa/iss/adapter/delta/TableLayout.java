package org.esa.iss.adapter.delta;

import io.delta.standalone.actions.Format;
import io.delta.standalone.actions.Metadata;
import io.delta.standalone.types.StructType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.parquet.schema.MessageType;

/**
 * The shape of one table: its Delta schema (what readers see), the Parquet schema of its data files
 * (without the partition column, which lives in the directory name), and how it is partitioned.
 *
 * @param name              the table's name in its metadata and in transaction app ids
 * @param deltaSchema       the logical schema, partition column included
 * @param parquetSchema     the physical schema of the data files
 * @param partitionColumn   the partition column (a {@code date}), if any
 * @param dictionaryColumns columns whose few distinct values make dictionary encoding pay: strings only. A
 *                          constant number (satellite id, partition) costs a hash lookup per value in a
 *                          dictionary for no gain over PLAIN, which Snappy squeezes to nothing, and readers
 *                          skip decoding it anyway when the chunk statistics say min = max
 */
record TableLayout(String name, StructType deltaSchema, MessageType parquetSchema, Optional<String> partitionColumn,
                   Set<String> dictionaryColumns) {

    /** Delta's default, stated so that the table says it to every reader (Spark honours the same key). */
    static final String CHECKPOINT_INTERVAL = "10";

    TableLayout {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(deltaSchema, "deltaSchema");
        Objects.requireNonNull(parquetSchema, "parquetSchema");
        Objects.requireNonNull(partitionColumn, "partitionColumn");
        dictionaryColumns = Set.copyOf(dictionaryColumns);
    }

    List<String> partitionColumns() {
        return partitionColumn.map(List::of).orElse(List.of());
    }

    /** The metadata a new table is created with. */
    Metadata initialMetadata() {
        return Metadata.builder()
                .id(java.util.UUID.randomUUID().toString())
                .name(name)
                .format(new Format("parquet", Map.of()))
                .schema(deltaSchema)
                .partitionColumns(partitionColumns())
                .configuration(Map.of("delta.checkpointInterval", CHECKPOINT_INTERVAL))
                .createdTime(System.currentTimeMillis())
                .build();
    }
}
