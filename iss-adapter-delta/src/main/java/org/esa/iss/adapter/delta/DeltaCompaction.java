package org.esa.iss.adapter.delta;

import io.delta.standalone.Operation;
import io.delta.standalone.Snapshot;
import io.delta.standalone.actions.Action;
import io.delta.standalone.actions.AddFile;
import io.delta.standalone.exceptions.DeltaConcurrentModificationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites the small files of each partition into few large ones, committed with {@code dataChange=false}
 * (readers of the change log skip it; the table's content and transaction versions stay as they were).
 *
 * <p>Safe beside live appends: a rewrite removes only the files it read and adds no new data, so Delta
 * checks it under snapshot isolation and appends landing meanwhile do not conflict with it. If another
 * compaction rewrote one of the same files first, this one deletes its output and plans again.
 */
public final class DeltaCompaction {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaCompaction.class);
    private static final int MAX_PLANS = 3;
    /** With size tiers, a partition that got no new file for this long merges its files whatever their sizes. */
    static final Duration COLD_AFTER = Duration.ofHours(1);

    /**
     * @param targetFileBytes files smaller than this are merged into files of about this size (of input);
     *                        128 MiB by default, the size Spark and Delta's OPTIMIZE aim for
     * @param minFiles        a partition (a size tier of it, with tiers) is rewritten only when it has at least this
     *                        many small files; 2 by default (rewriting one file alone gains nothing)
     * @param sizeTierRatio   0 (the default) merges a partition's small files whatever their sizes. A ratio
     *                        {@code r} of 2 or more merges only files of like size, whose sizes have the same
     *                        integer part of their logarithm to base {@code r} (as many digits, for 10): with
     *                        {@code minFiles} at {@code r}, a writer compacting every few minutes rewrites each row
     *                        about once per tier, instead of once per run as its earlier outputs join every later
     *                        merge. Fewer files merge when they fill the target, and a partition without a new file
     *                        for {@link #COLD_AFTER} merges whatever the sizes
     */
    public record Options(long targetFileBytes, int minFiles, int sizeTierRatio) {
        public Options {
            if (targetFileBytes < 1 << 20) {
                throw new IllegalArgumentException("target file size under 1 MiB, got " + targetFileBytes);
            }
            if (minFiles < 2) {
                throw new IllegalArgumentException("compacting needs at least 2 files, got " + minFiles);
            }
            if (sizeTierRatio == 1 || sizeTierRatio < 0) {
                throw new IllegalArgumentException("size tier ratio must be 0 (no tiers) or at least 2, got " + sizeTierRatio);
            }
        }

        /** Every small file of a partition merged together. */
        public Options(long targetFileBytes, int minFiles) {
            this(targetFileBytes, minFiles, 0);
        }

        public static Options defaults() {
            return new Options(128L << 20, 2);
        }

        /** The size tier of a file of {@code bytes}: the integer part of its logarithm to the ratio; 0 for all without tiers. */
        int tier(long bytes) {
            int tier = 0;
            for (long rest = bytes; sizeTierRatio != 0 && rest >= sizeTierRatio; rest /= sizeTierRatio) {
                tier++;
            }
            return tier;
        }
    }

    /** What one run did: files removed and added, rows rewritten, and the version committed (-1 if none). */
    public record Result(String table, int filesRemoved, int filesAdded, long rowsRewritten, long version) {
    }

    /** How far a run is: of the small files its plan merges, how many it has copied so far. */
    public record Progress(String table, int filesPlanned, int filesMerged) {
    }

    private final TableLog log;
    private final DeltaTableOptions tableOptions;
    private final Options options;
    /** Written by the compacting thread, read by whoever reports progress. */
    private volatile int filesPlanned;
    private volatile int filesMerged;
    /** Files found in another schema than the table's own: left alone, and not read again by later runs. */
    private final Set<String> foreign = ConcurrentHashMap.newKeySet();

    public DeltaCompaction(String tableDir, DeltaTableOptions tableOptions, Options options) {
        this(layoutOf(tableDir), tableOptions, options);
    }

    DeltaCompaction(TableLog log, DeltaTableOptions tableOptions, Options options) {
        this.log = log;
        this.tableOptions = tableOptions;
        this.options = options;
    }

    private static TableLog layoutOf(String tableDir) {
        TableStorage storage = TableStorage.at(tableDir);
        return new TableLog(storage, Layouts.of(storage));
    }

    /** Where the current (or last) run is; safe to call from another thread while {@link #compact()} runs. */
    public Progress progress() {
        return new Progress(log.layout().name(), filesPlanned, filesMerged);
    }

    public Result compact() {
        for (int plan = 1; ; plan++) {
            Snapshot snapshot = log.latest();
            if (snapshot.getVersion() < 0) {
                return new Result(log.layout().name(), 0, 0, 0, -1);
            }
            List<List<AddFile>> bins = new ArrayList<>();
            for (List<AddFile> planned : plan(snapshot.getAllFiles())) {
                List<AddFile> own = inTheTablesOwnSchema(planned);
                if (own.size() >= 2) { // the plan found the bin worth merging; without foreign files it still is
                    bins.add(own);
                }
            }
            if (bins.isEmpty()) {
                return new Result(log.layout().name(), 0, 0, 0, -1);
            }
            filesMerged = 0;
            filesPlanned = bins.stream().mapToInt(List::size).sum();
            List<Action> actions = new ArrayList<>();
            List<AddFile> written = new ArrayList<>();
            Set<String> removed = new HashSet<>();
            long rows = 0;
            long now = tableOptions.clock().millis();
            for (List<AddFile> bin : bins) {
                Rewritten merged = rewrite(bin);
                written.add(merged.file());
                rows += merged.rows();
                actions.add(merged.file());
                for (AddFile old : bin) {
                    actions.add(old.remove(now, false));
                    removed.add(old.getPath());
                }
            }
            Operation operation = new Operation(Operation.Name.MANUAL_UPDATE, Map.of(), Map.of(
                    Operation.Metrics.numAddedFiles, Integer.toString(written.size()),
                    Operation.Metrics.numRemovedFiles, Integer.toString(removed.size())),
                    java.util.Optional.of("compaction"));
            try {
                long version = log.commitRewrite(actions, operation, snapshot.getVersion(), removed);
                LOG.info("compacted {} files of {} into {} at version {}", removed.size(), log.layout().name(), written.size(), version);
                return new Result(log.layout().name(), removed.size(), written.size(), rows, version);
            } catch (DeltaConcurrentModificationException e) {
                deleteQuietly(written);
                if (plan >= MAX_PLANS) {
                    throw new IllegalStateException("compaction of " + log.layout().name() + " kept conflicting with "
                            + "concurrent rewrites; nothing was changed, try again later", e);
                }
                LOG.info("compaction of {} conflicted ({}); planning again", log.layout().name(), e.getMessage());
            }
        }
    }

    /**
     * A partition's small files of one size tier, merged {@code minFiles} or more at a time (or fewer that fill a file
     * of the target size).
     */
    private record MergeGroup(Map<String, String> partition, int tier, int minFiles) {
    }

    /**
     * Bins of small files, per partition and size tier, each at most about the target size. With tiers, a partition
     * that got no file for {@link #COLD_AFTER} (yesterday's, say) is done growing: its files merge whatever their
     * sizes, once, instead of staying a file or more per tier.
     */
    private List<List<AddFile>> plan(List<AddFile> files) {
        Map<Map<String, String>, Long> newestWrite = new HashMap<>();
        for (AddFile file : files) {
            newestWrite.merge(file.getPartitionValues(), file.getModificationTime(), Math::max);
        }
        long coldBefore = tableOptions.clock().millis() - COLD_AFTER.toMillis();
        Map<MergeGroup, List<AddFile>> groups = new LinkedHashMap<>();
        for (AddFile file : files) {
            if (file.getSize() < options.targetFileBytes() && !foreign.contains(file.getPath())) {
                boolean cold = options.sizeTierRatio() != 0 && newestWrite.get(file.getPartitionValues()) < coldBefore;
                MergeGroup group = cold ? new MergeGroup(file.getPartitionValues(), -1, 2)
                        : new MergeGroup(file.getPartitionValues(), options.tier(file.getSize()), options.minFiles());
                groups.computeIfAbsent(group, k -> new ArrayList<>()).add(file);
            }
        }
        List<List<AddFile>> bins = new ArrayList<>();
        for (Map.Entry<MergeGroup, List<AddFile>> group : groups.entrySet()) {
            List<AddFile> small = group.getValue();
            int minFiles = group.getKey().minFiles();
            small.sort(Comparator.comparingLong(AddFile::getModificationTime));
            List<AddFile> bin = new ArrayList<>();
            long size = 0;
            for (AddFile file : small) {
                if (!bin.isEmpty() && size + file.getSize() > options.targetFileBytes()) {
                    if (bin.size() >= 2) { // full: fewer than minFiles files of this size fill the target
                        bins.add(bin);
                    }
                    bin = new ArrayList<>();
                    size = 0;
                }
                bin.add(file);
                size += file.getSize();
            }
            if (bin.size() >= minFiles) {
                bins.add(bin);
            }
        }
        return bins;
    }

    /** Copies the rows of {@code bin}, in order, into one new file of the same partition. */
    private record Rewritten(AddFile file, long rows) {
    }

    private Rewritten rewrite(List<AddFile> bin) {
        TableStorage storage = log.storage();
        AddFile first = bin.get(0);
        String dir = first.getPath().contains("/") ? first.getPath().substring(0, first.getPath().lastIndexOf('/') + 1) : "";
        String relative = dir + "part-00000-" + UUID.randomUUID() + ".c000."
                + DataFileWriter.codec(tableOptions).name().toLowerCase() + ".parquet";
        Path path = storage.resolve(relative);
        var schema = log.layout().parquetSchema();
        try {
            ParquetMetadata footer = CopiedColumns.supports(schema) ? copyColumns(bin, path, schema) : copyRecords(bin, path, schema);
            long rows = footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
            long size = storage.length(path);
            return new Rewritten(AddFile.builder(relative, first.getPartitionValues(), size, newestWrite(bin), false)
                    .stats(Json.quote(FileStatistics.json(footer)))
                    .build(), rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite files of " + log.layout().name() + " into " + path, e);
        }
    }

    /**
     * The time a merged file is stamped with: the newest of the files it replaces, not the time of the merge. Spark's
     * Delta source reads a new stream's first snapshot in this order, so a merged file of yesterday's rows stamped
     * today would be read after today's files and, over several micro-batches, its rows dropped as late. And a
     * partition whose last new file is over {@link #COLD_AFTER} old stays cold when compaction rewrites its files.
     */
    private static long newestWrite(List<AddFile> bin) {
        return bin.stream().mapToLong(AddFile::getModificationTime).max().orElseThrow();
    }

    /**
     * The files of {@code bin} written in exactly the table's Parquet schema. A file another tool wrote (Spark, say)
     * may have other columns, another order or other types; rows are copied by column position, so it is left as
     * it is rather than rewritten with a column lost or a value in the wrong one. Spark declares every column
     * optional, where this project's are required, so no file Spark writes is ever taken.
     */
    private List<AddFile> inTheTablesOwnSchema(List<AddFile> bin) {
        MessageType schema = log.layout().parquetSchema();
        List<AddFile> own = new ArrayList<>(bin.size());
        for (AddFile file : bin) {
            try (ParquetFileReader reader = open(file)) {
                if (schema.equals(reader.getFooter().getFileMetaData().getSchema())) {
                    own.add(file);
                } else {
                    foreign.add(file.getPath());
                    LOG.warn("left {} of {} as it is: it was written in another schema than the table's own, and"
                            + " compaction copies only files in the table's own", file.getPath(), log.layout().name());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the footer of " + file.getPath() + " of " + log.layout().name(), e);
            }
        }
        return own;
    }

    private ParquetMetadata copyColumns(List<AddFile> bin, Path path, MessageType schema) throws IOException {
        TableStorage storage = log.storage();
        CompressionCodecName codec = DataFileWriter.codec(tableOptions);
        CodecFactory codecs = new CodecFactory(storage.conf(), 1 << 20);
        CopiedColumns columns = new CopiedColumns(schema);
        ColumnarFile<ColumnReader[]> out = new ColumnarFile<>(storage.outputFile(path), schema, columns, codec,
                codecs.getCompressor(codec));
        try {
            for (AddFile file : bin) {
                try (ParquetFileReader reader = open(file)) {
                    columns.copy(reader, out);
                }
                filesMerged++;
            }
            return out.close(DataFileWriter.FILE_METADATA);
        } catch (IOException | RuntimeException e) {
            out.abandon();
            throw e;
        } finally {
            codecs.release();
        }
    }

    private ParquetMetadata copyRecords(List<AddFile> bin, Path path, MessageType schema) throws IOException {
        TableStorage storage = log.storage();
        ParquetWriter<Group> writer = DataFileWriter.open(storage, path, schema, new GroupCopySupport(schema),
                log.layout(), tableOptions);
        try (writer) {
            for (AddFile file : bin) {
                FileRows.copy(storage, file.getPath(), writer);
                filesMerged++;
            }
        }
        return writer.getFooter();
    }

    private ParquetFileReader open(AddFile file) throws IOException {
        TableStorage storage = log.storage();
        return ParquetFileReader.open(storage.inputFile(storage.resolve(file.getPath())), storage.readOptions());
    }

    private void deleteQuietly(List<AddFile> files) {
        for (AddFile file : files) {
            try {
                log.storage().fs().delete(log.storage().resolve(file.getPath()), false);
            } catch (IOException e) {
                LOG.warn("could not delete abandoned compaction output {} (vacuum will): {}", file.getPath(), e.getMessage());
            }
        }
    }
}
