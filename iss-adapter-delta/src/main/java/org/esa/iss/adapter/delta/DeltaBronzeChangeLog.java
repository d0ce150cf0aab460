package org.esa.iss.adapter.delta;

import io.delta.standalone.VersionLog;
import io.delta.standalone.actions.Action;
import io.delta.standalone.actions.AddFile;
import io.delta.standalone.actions.CommitInfo;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.esa.iss.domain.Fix;
import org.esa.iss.ports.out.BronzeChangeLog;
import org.esa.iss.ports.out.BronzeSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bronze table read version by version. A version's fixes are the rows of the files it added with
 * {@code dataChange=true}; compaction commits add their files with {@code dataChange=false} and so add no
 * fixes, which is what keeps compaction from double counting.
 */
public final class DeltaBronzeChangeLog implements BronzeChangeLog {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaBronzeChangeLog.class);
    /** How many versions' commit times are kept: the refiner asks for a version right after it was read ahead. */
    private static final int KEPT_COMMIT_TIMES = 16;
    private final TableLog log;
    private final FixColumnsReader reader;
    /** Where the last read left the log, so reading versions in order lists the log directory once, not per version. */
    private Iterator<VersionLog> cursor;
    private long cursorNext = -1;
    /** Commit times of the versions read lately, for {@link #receivedBy}. */
    private final ConcurrentSkipListMap<Long, Instant> commitTimes = new ConcurrentSkipListMap<>();

    /** Bronze's change log, read without holding anything back: what its log retention keeps, and no more. */
    public DeltaBronzeChangeLog(String bronzeDir) {
        this(TableStorage.at(bronzeDir));
    }

    private DeltaBronzeChangeLog(TableStorage storage) {
        this.log = new TableLog(storage, BronzeLayout.LAYOUT);
        this.reader = new FixColumnsReader(storage);
    }

    /**
     * Bronze's change log as read for the gold tables at {@code goldTableDirs}, which it registers with bronze: its
     * writers then keep every version (and every file compaction removed) these tables have not consumed, however
     * long they stay behind (see {@link ChangeLogReaders}).
     */
    public static DeltaBronzeChangeLog readFor(String bronzeDir, String... goldTableDirs) {
        TableStorage bronze = TableStorage.at(bronzeDir);
        for (String gold : goldTableDirs) {
            ChangeLogReaders.register(bronze, TableStorage.at(gold));
        }
        return new DeltaBronzeChangeLog(bronze);
    }

    /** Delta's table id, from the table's metadata: a table created anew at the same path has another. */
    @Override
    public String tableId() {
        var latest = log.latest();
        return latest.getVersion() < 0 ? "" : latest.getMetadata().getId();
    }

    @Override
    public long latestVersion() {
        return log.latestVersion();
    }

    /** The first version in the log; its entries before were cleaned up. */
    @Override
    public long firstVersion() {
        if (log.latestVersion() < 0) {
            return -1;
        }
        try {
            Iterator<VersionLog> versions = log.delta().getChanges(0, false);
            return versions.hasNext() ? versions.next().getVersion() : -1;
        } catch (Exception e) { // checked ones too: Delta passes on its log store's IOException undeclared
            throw new UncheckedIOException("cannot list the log of bronze at " + log.storage().root(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /**
     * The commit's time, as its log entry states it: kept when {@link #fixesAddedIn} read the entry (no second read
     * of the log, which a version's look-up would list), or else read now (the version of a snapshot). Empty if the
     * entry states none, or cannot be read here; not synchronized, since the refiner asks while the next version is
     * read ahead.
     */
    @Override
    public Optional<Instant> receivedBy(long version) {
        Instant kept = commitTimes.get(version);
        if (kept != null) {
            return Optional.of(kept);
        }
        try {
            CommitInfo info = log.delta().getCommitInfoAt(version);
            return info.getTimestamp() == null ? Optional.empty() : Optional.of(info.getTimestamp().toInstant());
        } catch (Exception unreadable) { // checked ones too: Delta passes on its log store's IOException undeclared
            return Optional.empty();
        }
    }

    /**
     * The fixes of the files the version added, each satellite's in the order they were written (see
     * {@link WrittenOrder}). A version of several files (event dates) is put in that order by its files' Kafka
     * positions: a backlog's files follow each other, and are read one after the other; files whose positions
     * interleave (a date that came back) are read again with each row's position.
     */
    @Override
    public synchronized List<Fix> fixesAddedIn(long version) {
        List<AddFile> files = addedFiles(version);
        String of = "bronze version " + version;
        List<List<Fix>> fixesByFile = new ArrayList<>(files.size());
        List<FixColumnsReader.PositionSpan> spans = new ArrayList<>(files.size());
        for (AddFile file : files) {
            List<Fix> fixes = new ArrayList<>();
            read(file, of, path -> spans.add(reader.read(path, fixes)));
            fixesByFile.add(fixes);
        }
        if (files.size() == 1) {
            return fixesByFile.get(0);
        }
        int[] order = WrittenOrder.ofFiles(spans);
        if (order != null) {
            List<Fix> all = new ArrayList<>(fixesByFile.stream().mapToInt(List::size).sum());
            for (int file : order) {
                all.addAll(fixesByFile.get(file));
            }
            return all;
        }
        WrittenOrder written = new WrittenOrder();
        for (AddFile file : files) {
            read(file, of, path -> reader.read(path, written));
        }
        return written.fixes();
    }

    /** Bronze's files as of {@code version}, by their {@code event_date} partition. */
    @Override
    public BronzeSnapshot snapshotAt(long version) {
        List<AddFile> files;
        try {
            files = log.delta().getSnapshotForVersionAsOf(version).getAllFiles();
        } catch (Exception e) { // checked ones too: Delta passes on its log store's IOException undeclared
            throw expired("bronze's snapshot at version " + version + " cannot be read (" + e.getMessage() + ")", e);
        }
        TreeMap<LocalDate, List<AddFile>> byDate = new TreeMap<>();
        for (AddFile file : files) {
            String date = file.getPartitionValues().get(BronzeLayout.PARTITION);
            if (date == null) {
                throw new IllegalStateException("bronze file " + file.getPath() + " has no " + BronzeLayout.PARTITION
                        + " partition value: not a table this lakehouse wrote");
            }
            byDate.computeIfAbsent(LocalDate.parse(date), d -> new ArrayList<>()).add(file);
        }
        LOG.info("reading bronze's snapshot at version {}: {} files, event dates {} to {}", version, files.size(),
                byDate.isEmpty() ? "-" : byDate.firstKey(), byDate.isEmpty() ? "-" : byDate.lastKey());
        return BronzeSnapshot.of(version, byDate.keySet(), date -> {
            synchronized (this) {
                return read(byDate.getOrDefault(date, List.of()), "bronze's snapshot at version " + version);
            }
        });
    }

    private List<Fix> read(List<AddFile> files, String of) {
        List<Fix> fixes = new ArrayList<>();
        for (AddFile file : files) {
            read(file, of, path -> reader.read(path, fixes));
        }
        return fixes;
    }

    private void read(AddFile file, String of, FileRead read) {
        Path path = log.storage().resolve(file.getPath());
        try {
            read.from(path);
        } catch (FileNotFoundException e) {
            throw vacuumed("data file " + path + " of " + of + " is gone (vacuumed?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bronze file " + path + " of " + of, e);
        }
    }

    private interface FileRead {
        void from(Path path) throws IOException;
    }

    private List<AddFile> addedFiles(long version) {
        VersionLog entry;
        try {
            if (cursor == null || cursorNext != version || !cursor.hasNext()) {
                cursor = log.delta().getChanges(version, true);
            }
            entry = cursor.hasNext() ? cursor.next() : null;
            cursorNext = entry == null ? -1 : entry.getVersion() + 1;
        } catch (Exception e) { // checked ones too: Delta passes on its log store's IOException undeclared
            throw unreadableEntry(version, e);
        }
        if (entry == null || entry.getVersion() != version) {
            long latest = log.latestVersion();
            if (version > latest) {
                throw new IllegalArgumentException("bronze version " + version + " does not exist yet; the latest is " + latest);
            }
            throw expired("the log entry of bronze version " + version + " is gone (expired by log cleanup)", null);
        }
        List<AddFile> added = new ArrayList<>();
        try {
            for (Action action : entry.getActions()) { // read now: clean-up may have deleted the entry since the listing
                if (action instanceof AddFile add && add.isDataChange()) {
                    added.add(add);
                } else if (action instanceof CommitInfo info && info.getTimestamp() != null) {
                    keepCommitTime(version, info.getTimestamp().toInstant());
                }
            }
        } catch (Exception e) { // checked ones too, as above
            throw unreadableEntry(version, e);
        }
        return added;
    }

    /** Keeps a version's commit time for {@link #receivedBy}, and forgets those of versions long refined. */
    private void keepCommitTime(long version, Instant time) {
        commitTimes.put(version, time);
        commitTimes.headMap(version - KEPT_COMMIT_TIMES).clear();
    }

    /**
     * An entry that is gone expired: gold can start over. One that is there but cannot be read (its permissions,
     * a damaged file) is no reason to rebuild gold, which is intact: the operator mends the file.
     */
    private RuntimeException unreadableEntry(long version, Exception cause) {
        cursor = null;
        Path entry = new Path(log.storage().root(), String.format("_delta_log/%020d.json", version));
        if (gone(entry)) {
            return expired("the log entry of bronze version " + version + " cannot be read (expired by log cleanup?)", cause);
        }
        return new IllegalStateException("the log entry of bronze version " + version + ", " + entry + ", cannot be read ("
                + (cause.getMessage() != null ? cause.getMessage() : cause.toString()) + "). Gold is intact: check the"
                + " file's and its directory's permissions and the file's content (restore it from a backup if it is"
                + " damaged), then run again.", cause);
    }

    /** Whether an entry is surely gone: not there, in a log directory that can be listed. */
    private boolean gone(Path entry) {
        try {
            FileSystem fs = entry.getFileSystem(log.storage().conf());
            if (fs.exists(entry)) {
                return false;
            }
            fs.listStatus(entry.getParent()); // throws when the directory cannot be read, where exists() says false
            return true;
        } catch (IOException | RuntimeException cannotTell) {
            return false;
        }
    }

    /** A log entry the refiner needs has expired: gold can start over from a snapshot. */
    private BronzeHistoryMissing expired(String what, Throwable cause) {
        return new BronzeHistoryMissing(what + "; the refiner has not read it yet, and continuing would silently skip "
                + "its fixes. To recover: delete both gold tables, and 'iss gold' rebuilds them from bronze's latest snapshot "
                + "(taking its fixes in event-time order). Bronze's log keeps what 'iss gold' has not read however long it "
                + "lags, but only for the gold tables registered in bronze's _iss_readers directory (local tables).", cause);
    }

    /** A data file the refiner needs is gone while the log still lists it: a snapshot would not have it either. */
    private BronzeHistoryMissing vacuumed(String what, Throwable cause) {
        return new BronzeHistoryMissing(what + "; the refiner has not read it yet, and continuing would silently skip "
                + "its fixes. To recover: restore the missing files from a backup; or, while Kafka still retains the topic, "
                + "re-ingest it into a fresh data directory ('iss bronze --data-dir NEW --until-caught-up', then "
                + "'iss gold --data-dir NEW --until-caught-up'). Deleting gold alone does not help while bronze's log still "
                + "reaches back to the versions whose files are gone, because gold then replays bronze from its first "
                + "version. Vacuum keeps the files 'iss gold' has not read; deleting them by hand or with Spark's VACUUM "
                + "does not.", cause);
    }
}
