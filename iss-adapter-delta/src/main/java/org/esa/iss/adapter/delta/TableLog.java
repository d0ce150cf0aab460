package org.esa.iss.adapter.delta;

import io.delta.standalone.DeltaLog;
import io.delta.standalone.Operation;
import io.delta.standalone.OptimisticTransaction;
import io.delta.standalone.Snapshot;
import io.delta.standalone.VersionLog;
import io.delta.standalone.actions.Action;
import io.delta.standalone.actions.Metadata;
import io.delta.standalone.exceptions.ConcurrentTransactionException;
import io.delta.standalone.exceptions.DeltaConcurrentModificationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One table's Delta transaction log: creates the table on its first commit and commits with optimistic
 * concurrency, retrying conflicts that do not concern this writer (a racing compaction, a racing creation).
 */
final class TableLog {
    /** Written into every commit's {@code engineInfo}, so a table's history says who wrote each version. */
    static final String ENGINE = "iss-lakehouse/0.1";
    private static final Logger LOG = LoggerFactory.getLogger(TableLog.class);
    private static final int MAX_ATTEMPTS = 20;

    private final TableStorage storage;
    private final TableLayout layout;
    private final DeltaLog log;
    /** Present for local tables, whose log {@link LogCleanup} cleans. */
    private final Optional<ChangeLogReaders> readers;

    TableLog(TableStorage storage, TableLayout layout) {
        this.storage = storage;
        this.layout = layout;
        this.readers = ChangeLogReaders.of(storage);
        try {
            this.log = DeltaLog.forTable(storage.conf(), storage.root());
        } catch (Exception e) { // Scala code throws checked ones too (a JSON parse error); say which table it was
            throw new UnreadableTableException("cannot open the Delta table at " + storage.root(), e);
        }
        Snapshot opened = log.snapshot(); // loaded by forTable: no further read
        if (opened.getVersion() >= 0) { // before a writer writes its first file into another table
            layout.requireFits(opened.getMetadata(), storage.root());
        }
    }

    TableStorage storage() {
        return storage;
    }

    TableLayout layout() {
        return layout;
    }

    DeltaLog delta() {
        return log;
    }

    /** The newest snapshot (version -1 when the table does not exist yet). */
    Snapshot latest() {
        return log.update();
    }

    long latestVersion() {
        return latest().getVersion();
    }

    /** The log entries of versions {@code from..to} inclusive, oldest first. */
    Iterator<VersionLog> changes(long from, long to) {
        Iterator<VersionLog> all = log.getChanges(from, true);
        return new Iterator<>() {
            VersionLog next = advance();

            private VersionLog advance() {
                if (!all.hasNext()) {
                    return null;
                }
                VersionLog v = all.next();
                return v.getVersion() <= to ? v : null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public VersionLog next() {
                VersionLog current = next;
                next = advance();
                return current;
            }
        };
    }

    /**
     * Commits {@code actions}, creating the table first if needed.
     *
     * @param beforeCommit sees each attempt's transaction before it commits (to check or register what it read)
     * @return the committed version
     * @throws ConcurrentTransactionException if a concurrent commit set one of the app ids the transaction read
     */
    long commit(List<? extends Action> actions, Operation operation, Consumer<OptimisticTransaction> beforeCommit) {
        return commit(actions, operation, null, beforeCommit);
    }

    /**
     * One commit attempt for a rewrite planned on snapshot {@code plannedVersion} (compaction): fails with a
     * concurrent-modification exception, for the caller to re-plan, if any file it removes was removed by a
     * commit since — before its transaction started (checked here in the log entries since the plan) or
     * while it commits (Delta's own delete/delete check).
     */
    long commitRewrite(List<? extends Action> actions, Operation operation, long plannedVersion, java.util.Set<String> removedPaths) {
        OptimisticTransaction txn = log.startTransaction();
        if (txn.readVersion() > plannedVersion) {
            Iterator<VersionLog> since = changes(plannedVersion + 1, txn.readVersion());
            while (since.hasNext()) {
                for (Action action : since.next().getActions()) {
                    if (action instanceof io.delta.standalone.actions.RemoveFile r && removedPaths.contains(r.getPath())) {
                        throw new io.delta.standalone.exceptions.ConcurrentDeleteDeleteException(layout.name()
                                + ": file " + r.getPath() + " was rewritten by another commit since the plan");
                    }
                }
            }
        }
        return commitOnce(txn, actions, operation);
    }

    /**
     * Commits {@code actions} and a change of the table's metadata, computed from the metadata each attempt
     * reads (or from the initial metadata when it creates the table).
     */
    long commit(List<? extends Action> actions, Operation operation, UnaryOperator<Metadata> metadataChange,
                Consumer<OptimisticTransaction> beforeCommit) {
        DeltaConcurrentModificationException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            OptimisticTransaction txn = log.startTransaction();
            boolean creating = txn.readVersion() < 0;
            Metadata base = creating ? layout.initialMetadata() : txn.metadata();
            if (!creating) {
                layout.requireFits(base, storage.root());
            }
            beforeCommit.accept(txn);
            // A table created before its layout stated its housekeeping gets it with its next commit.
            Metadata wanted = TableLayout.withHousekeeping(metadataChange == null ? base : metadataChange.apply(base),
                    readers.isPresent());
            if (creating || metadataChange != null || wanted != base) {
                txn.updateMetadata(wanted);
            }
            try {
                return commitOnce(txn, actions, operation);
            } catch (ConcurrentTransactionException e) {
                throw e;
            } catch (DeltaConcurrentModificationException e) {
                last = e;
                LOG.info("commit to {} conflicted with a concurrent one ({}); retrying, attempt {}", layout.name(),
                        e.getClass().getSimpleName(), attempt);
            }
        }
        throw new IllegalStateException("gave up committing to " + layout.name() + " after " + MAX_ATTEMPTS
                + " conflicting attempts; another writer keeps changing the table", last);
    }

    /**
     * Delta's Scala code passes on its log store's IOException (disk full, a failed rename) undeclared, where a
     * Java caller catching unchecked exceptions would miss it: it leaves here unchecked, naming the table.
     */
    private long commitOnce(OptimisticTransaction txn, List<? extends Action> actions, Operation operation) {
        long version;
        try {
            version = txn.commit(actions, operation, ENGINE).getVersion();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new UncheckedIOException("cannot commit to the Delta table at " + storage.root() + " ("
                    + (e.getMessage() != null ? e.getMessage() : e.toString()) + "); the table holds either its last version or this commit, whole, and the next run resumes from"
                    + " what it holds", e instanceof IOException io ? io : new IOException(e));
        }
        cleanUpAfterCheckpoint(version);
        return version;
    }

    /**
     * Right after Delta checkpointed, {@link LogCleanup} deletes what has expired and the tables refined from this
     * one have consumed, in tables that leave their clean-up to their writers ({@link TableLayout#OWN_LOG_CLEANUP}).
     */
    private void cleanUpAfterCheckpoint(long version) {
        if (version == 0 || readers.isEmpty()) {
            return;
        }
        Map<String, String> configuration = log.snapshot().getMetadata().getConfiguration();
        if (version % checkpointInterval(configuration) != 0 || !TableLayout.cleansOwnLog(configuration)) {
            return;
        }
        LogCleanup.retention(configuration).ifPresent(retention -> {
            try {
                LogCleanup.run(Paths.get(storage.root().toUri()).resolve("_delta_log"), retention, Clock.systemUTC(), readers);
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not clean up the log of {}; the table is intact, and the next checkpoint tries again",
                        layout.name(), e);
            }
        });
    }

    private static long checkpointInterval(Map<String, String> configuration) {
        try {
            return Math.max(1, Long.parseLong(configuration.getOrDefault("delta.checkpointInterval", "10")));
        } catch (NumberFormatException e) {
            return 10;
        }
    }
}
