package org.esa.iss.adapter.delta;

import io.delta.standalone.Operation;
import io.delta.standalone.OptimisticTransaction;
import io.delta.standalone.VersionLog;
import io.delta.standalone.actions.Action;
import io.delta.standalone.actions.AddFile;
import io.delta.standalone.actions.SetTransaction;
import io.delta.standalone.exceptions.ConcurrentTransactionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.PositionedTable;

/**
 * The exactly-once machinery shared by bronze and quarantine: rows and per-partition offsets in one commit.
 *
 * <p>Each commit carries one {@code SetTransaction} per topic partition, app id
 * {@code <table name>:<topic>:<partition>}, version = the last offset in the commit. The full list is read
 * once (it replays the whole table state); afterwards this keeps it current by reading only the log
 * entries written since, which also reveals another writer positioning a partition (ownership moved). Such a
 * partition stays taken until {@link #lastOffsets} is read again: a commit of it fails with
 * {@link PositionedTable.ConcurrentOwnership} before anything is committed, even when this writer committed other
 * partitions in between. Every commit also declares its app ids to Delta, whose conflict check then closes the window
 * between reading the log and writing the commit: of two writers racing from the same position (a partition
 * lost, not revoked, while its old owner still commits) exactly one commits.
 */
final class PositionedDeltaTable<R> {
    private static final long NOT_LOADED = Long.MIN_VALUE;
    /** What sets the app ids of recorded topic ids apart from those of positions ({@code <table name>:...}). */
    private static final String TOPIC_ID_APP = "/topic-id:";

    private final TableLog log;
    private final DataFileWriter<R> writer;
    private final DeltaTableOptions options;
    private final String appIdPrefix;
    private final AutoCompaction autoCompaction;
    private final Map<FeedPartition, Long> offsets = new HashMap<>();
    /** Partitions another writer positioned since this one last read {@link #lastOffsets}. */
    private final Set<FeedPartition> takenByOthers = new HashSet<>();
    /** Topic ids the table records, by topic name, kept current with the positions. */
    private final Map<String, Set<String>> topicIds = new HashMap<>();
    /** Topic ids to record with the next commit, by topic name. */
    private final Map<String, String> topicIdsToRecord = new HashMap<>();
    private long knownVersion = NOT_LOADED;

    PositionedDeltaTable(TableLog log, DataFileWriter<R> writer, DeltaTableOptions options) {
        this.log = log;
        this.options = options;
        this.writer = writer;
        this.appIdPrefix = log.layout().name() + ":";
        this.autoCompaction = new AutoCompaction(log, options);
    }

    TableLog log() {
        return log;
    }

    /** The app id of a partition's transaction. */
    String appId(FeedPartition partition) {
        return appIdPrefix + partition.topic() + ":" + partition.partition();
    }

    synchronized Map<FeedPartition, Long> lastOffsets() {
        if (knownVersion == NOT_LOADED) {
            loadAll();
        } else {
            catchUp(log.latestVersion());
        }
        // the caller resumes from these positions: it no longer writes on what another writer replaced
        takenByOthers.clear();
        return Map.copyOf(offsets);
    }

    /** A batch that writes its rows into data files as they arrive and commits them with the offsets. */
    PositionedTable.Batch<R> startBatch() {
        return new StreamingBatch();
    }

    /** Step one of an append: writes the data files, invisible until {@link #commit}. */
    Prepared prepare(List<R> rows, Map<FeedPartition, Long> lastOffsets) {
        long micros = Math.multiplyExact(options.clock().millis(), 1000L);
        List<AddFile> files = writer.write(rows, micros, true);
        return new Prepared(files, Map.copyOf(lastOffsets), rows.size());
    }

    /** Step two: commits the files and the offsets atomically. */
    synchronized long commit(Prepared prepared) {
        if (knownVersion == NOT_LOADED) {
            loadAll();
        }
        prepared.offsets().forEach((partition, offset) -> {
            // recording a lower position would make a restart read, and write, the rows in between again
            if (offset < offsets.getOrDefault(partition, -1L)) {
                throw new IllegalArgumentException(log.layout().name() + ": the position of " + partition + " would move back from "
                        + offsets.get(partition) + " to " + offset + "; nothing was committed");
            }
        });
        List<Action> actions = new ArrayList<>(prepared.files());
        long now = options.clock().millis();
        prepared.offsets().forEach((p, offset) -> actions.add(new SetTransaction(appId(p), offset, Optional.of(now))));
        topicIdsToRecord.forEach((topic, id) -> actions.add(new SetTransaction(topicIdAppId(topic, id), 0, Optional.of(now))));
        long bytes = prepared.files().stream().mapToLong(AddFile::getSize).sum();
        Operation operation = new Operation(Operation.Name.STREAMING_UPDATE, Map.of(), Map.of(
                Operation.Metrics.numFiles, Long.toString(prepared.files().size()),
                Operation.Metrics.numOutputRows, Long.toString(prepared.rows()),
                Operation.Metrics.numOutputBytes, Long.toString(bytes)));
        long[] readVersion = new long[1];
        long version;
        try {
            version = log.commit(actions, operation, txn -> {
                readVersion[0] = txn.readVersion();
                guard(txn, prepared.offsets().keySet());
            });
        } catch (ConcurrentTransactionException e) { // which of them, Delta does not say
            throw ownershipMoved(prepared.offsets().keySet(), e);
        }
        if (version > readVersion[0] + 1) {
            // Delta committed later than planned: commits landed after the guard read the log. None positioned
            // our partitions (Delta's conflict check refuses ours then); the positions they hold are read here so
            // that the ones known stay complete, and whatever they took is known to be taken.
            takenByOthers.addAll(catchUp(version - 1));
        }
        offsets.putAll(prepared.offsets());
        topicIdsToRecord.forEach(this::noteTopicId);
        topicIdsToRecord.clear();
        knownVersion = version;
        autoCompaction.committed(prepared.files().size());
        return version;
    }

    private void guard(OptimisticTransaction txn, Set<FeedPartition> partitions) {
        takenByOthers.addAll(catchUp(txn.readVersion()));
        Set<FeedPartition> taken = new HashSet<>(partitions);
        taken.retainAll(takenByOthers);
        if (!taken.isEmpty()) {
            throw ownershipMoved(taken, null);
        }
        TransactionVersions.dependOn(txn, partitions.stream().map(this::appId).toList());
    }

    private PositionedTable.ConcurrentOwnership ownershipMoved(Set<FeedPartition> partitions, Throwable cause) {
        String which = cause == null || partitions.size() == 1 ? partitions.toString() : "one of " + partitions;
        return new PositionedTable.ConcurrentOwnership("another writer committed offsets of " + which + " to "
                + log.layout().name() + " since this writer read them: the partitions were reassigned to another"
                + " ingester while this one still held rows of them; this commit was refused, so nothing is duplicated."
                + " Restart this ingester: it resumes from what the table holds", cause);
    }

    /**
     * The topic ids recorded with this table, by topic name. Each is an app id of its own, {@code <table
     * name>/topic-id:<topic>:<id>} (Kafka's topic names and ids hold no colon), set once with version 0.
     */
    synchronized Map<String, Set<String>> recordedTopicIds() {
        if (knownVersion == NOT_LOADED) {
            loadAll();
        } else {
            // what others positioned meanwhile stays taken, as when a commit reads the log (guard)
            takenByOthers.addAll(catchUp(log.latestVersion()));
        }
        Map<String, Set<String>> copy = new HashMap<>();
        topicIds.forEach((topic, ids) -> copy.put(topic, Set.copyOf(ids)));
        return copy;
    }

    /** Records the topic ids with the next commit (readers of this table's positions refuse another topic). */
    synchronized void recordTopicIds(Map<String, String> ids) {
        topicIdsToRecord.putAll(ids);
    }

    private String topicIdAppId(String topic, String id) {
        return log.layout().name() + TOPIC_ID_APP + topic + ":" + id;
    }

    /** Keeps a transaction's app id if it records a topic id. */
    private void noteTopicIdOf(String appId) {
        String prefix = log.layout().name() + TOPIC_ID_APP;
        int colon = appId.lastIndexOf(':');
        if (appId.startsWith(prefix) && colon > prefix.length()) {
            noteTopicId(appId.substring(prefix.length(), colon), appId.substring(colon + 1));
        }
    }

    private void noteTopicId(String topic, String id) {
        topicIds.computeIfAbsent(topic, t -> new HashSet<>()).add(id);
    }

    private void loadAll() {
        var snapshot = log.latest();
        offsets.clear();
        topicIds.clear();
        for (SetTransaction txn : TransactionVersions.all(snapshot)) {
            FeedPartition p = partitionOf(txn.getAppId());
            if (p != null) {
                offsets.put(p, txn.getVersion());
            } else {
                noteTopicIdOf(txn.getAppId());
            }
        }
        knownVersion = snapshot.getVersion();
    }

    /** Reads commits after the known version up to {@code upTo}; returns the partitions they positioned. */
    private Set<FeedPartition> catchUp(long upTo) {
        Set<FeedPartition> touched = new HashSet<>();
        if (upTo <= knownVersion) {
            return touched;
        }
        try {
            Iterator<VersionLog> versions = log.changes(knownVersion + 1, upTo);
            while (versions.hasNext()) {
                for (Action action : versions.next().getActions()) {
                    if (action instanceof SetTransaction txn) {
                        FeedPartition p = partitionOf(txn.getAppId());
                        if (p != null) {
                            offsets.put(p, txn.getVersion());
                            touched.add(p);
                        } else {
                            noteTopicIdOf(txn.getAppId());
                        }
                    }
                }
            }
            knownVersion = upTo;
        } catch (Exception logGone) { // checked ones too: Delta passes on its log store's IOException undeclared
            // The entries were cleaned up (a long pause): fall back to the full state.
            Map<FeedPartition, Long> before = new HashMap<>(offsets);
            loadAll();
            offsets.forEach((p, v) -> {
                if (!v.equals(before.get(p))) {
                    touched.add(p);
                }
            });
        }
        return touched;
    }

    private FeedPartition partitionOf(String appId) {
        if (!appId.startsWith(appIdPrefix)) {
            return null;
        }
        int colon = appId.lastIndexOf(':');
        if (colon <= appIdPrefix.length()) {
            return null;
        }
        try {
            return new FeedPartition(appId.substring(appIdPrefix.length(), colon), Integer.parseInt(appId.substring(colon + 1)));
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    private final class StreamingBatch implements PositionedTable.Batch<R> {
        private final DataFileWriter<R>.OpenFiles files = writer.open(true);
        private long rows;

        @Override
        public void add(List<R> more) {
            files.write(more, Math.multiplyExact(options.clock().millis(), 1000L));
            rows += more.size();
        }

        @Override
        public void commit(Map<FeedPartition, Long> lastOffsets) {
            PositionedDeltaTable.this.commit(new Prepared(files.finish(), Map.copyOf(lastOffsets), rows));
        }

        @Override
        public void discard() {
            files.discard();
        }
    }

    /** Data files written but not committed, and the offsets they carry. */
    record Prepared(List<AddFile> files, Map<FeedPartition, Long> offsets, long rows) {
    }
}
