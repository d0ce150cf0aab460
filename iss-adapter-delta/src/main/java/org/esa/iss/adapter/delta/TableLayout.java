package org.esa.iss.adapter.delta;

import io.delta.standalone.actions.Format;
import io.delta.standalone.actions.Metadata;
import io.delta.standalone.types.StructField;
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

    /**
     * How long the log keeps its entries, and checkpoints the files compaction removed, for tables that commit every
     * second while live. Delta's defaults (30 days, 7 days) suit a table committed every few minutes; here they let
     * every commit list an ever-growing log directory (2.6 million entries after 30 days) and every tenth write a
     * checkpoint of every file removed that week. Two hours bound a listing to about 8,000 names (a gold table
     * that has not read bronze's older versions yet holds them back, see {@link ChangeLogReaders}); they are also
     * what a Spark VACUUM without RETAIN keeps. A value already in the table
     * (set in Spark with {@code ALTER TABLE ... SET TBLPROPERTIES}) is kept.
     */
    static final Map<String, String> RETENTION = Map.of(
            "delta.logRetentionDuration", "interval 2 hours",
            "delta.deletedFileRetentionDuration", "interval 2 hours");

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

    /** Marks a table whose writers clean up its log themselves, with {@link LogCleanup}. */
    static final String OWN_LOG_CLEANUP_KEY = "iss.logCleanup";

    /**
     * For local tables with a retention {@link LogCleanup} reads: their writers clean up their log themselves, and
     * Delta's own clean-up, which goes by age alone, would delete versions a lagging refiner still needs. Not for a
     * table that states {@code delta.enableExpiredLogCleanup} itself (an operator's choice, kept).
     */
    static final Map<String, String> OWN_LOG_CLEANUP = Map.of("delta.enableExpiredLogCleanup", "false",
            OWN_LOG_CLEANUP_KEY, "writer");

    /**
     * Refuses to write into a table that is not one of this layout's: another of this system's tables, or anything
     * else, at the path given. Its name must be this layout's (or absent) and each column of this layout must be there
     * with its type; columns another tool added are fine.
     *
     * @throws IllegalStateException naming the table, what differs and what to do
     */
    void requireFits(Metadata existing, Object where) {
        String problem = null;
        if (existing.getName() != null && !existing.getName().isBlank() && !existing.getName().equals(name)) {
            problem = "it is '" + existing.getName() + "'";
        } else {
            for (StructField column : deltaSchema.getFields()) {
                StructField found = existing.getSchema() == null ? null
                        : java.util.Arrays.stream(existing.getSchema().getFields())
                        .filter(f -> f.getName().equals(column.getName())).findFirst().orElse(null);
                if (found == null) {
                    problem = "it has no column " + column.getName();
                } else if (!found.getDataType().getTypeName().equals(column.getDataType().getTypeName())) {
                    problem = "its column " + column.getName() + " is " + found.getDataType().getTypeName() + ", not "
                            + column.getDataType().getTypeName();
                }
                if (problem != null) {
                    break;
                }
            }
        }
        if (problem != null) {
            throw new IllegalStateException("the Delta table at " + where + " is not " + name + " (" + problem + "), so"
                    + " nothing is committed to it: the data directory (or table directory) given points at other data."
                    + " Give this table's own, or move the other table away.");
        }
    }

    /** The metadata a new table is created with (and {@link #withHousekeeping} adds the rest). */
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

    /**
     * {@code metadata} with the {@link #RETENTION} keys it lacks, and for a local table the {@link #OWN_LOG_CLEANUP}
     * ones if it may have them (the same instance when nothing is added). Values the table states are kept.
     */
    static Metadata withHousekeeping(Metadata metadata, boolean local) {
        Map<String, String> configuration = metadata.getConfiguration();
        Map<String, String> merged = new java.util.HashMap<>(RETENTION);
        merged.putAll(configuration);
        if (local && !configuration.containsKey("delta.enableExpiredLogCleanup") && LogCleanup.retention(merged).isPresent()) {
            merged.putAll(OWN_LOG_CLEANUP);
        }
        return merged.equals(configuration) ? metadata : metadata.copyBuilder().configuration(Map.copyOf(merged)).build();
    }

    /** Whether the writers of a table with this configuration clean up its log ({@link #OWN_LOG_CLEANUP}). */
    static boolean cleansOwnLog(Map<String, String> configuration) {
        return "writer".equals(configuration.get(OWN_LOG_CLEANUP_KEY))
                && "false".equalsIgnoreCase(configuration.get("delta.enableExpiredLogCleanup"));
    }
}
