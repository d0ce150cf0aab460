package org.esa.iss.adapter.delta;

import io.delta.standalone.VersionLog;
import io.delta.standalone.actions.Action;
import io.delta.standalone.actions.AddFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.esa.iss.domain.Fix;
import org.esa.iss.ports.out.BronzeChangeLog;

/**
 * The bronze table read version by version. A version's fixes are the rows of the files it added with
 * {@code dataChange=true}; compaction commits add their files with {@code dataChange=false} and so add no
 * fixes, which is what keeps compaction from double counting.
 */
public final class DeltaBronzeChangeLog implements BronzeChangeLog {
    private final TableLog log;
    private final FixColumnsReader reader;
    /** Where the last read left the log, so reading versions in order lists the log directory once, not per version. */
    private Iterator<VersionLog> cursor;
    private long cursorNext = -1;

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

    @Override
    public long latestVersion() {
        return log.latestVersion();
    }

    @Override
    public synchronized List<Fix> fixesAddedIn(long version) {
        List<AddFile> added = addedFiles(version);
        List<Fix> fixes = new ArrayList<>();
        for (AddFile file : added) {
            Path path = log.storage().resolve(file.getPath());
            try {
                reader.read(path, fixes);
            } catch (FileNotFoundException e) {
                throw missing("data file " + path + " of bronze version " + version + " is gone (vacuumed?)", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read bronze file " + path + " of version " + version, e);
            }
        }
        return fixes;
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
            throw missing("the log entry of bronze version " + version + " is gone (expired by log cleanup)", null);
        }
        List<AddFile> added = new ArrayList<>();
        try {
            for (Action action : entry.getActions()) { // read now: clean-up may have deleted the entry since the listing
                if (action instanceof AddFile add && add.isDataChange()) {
                    added.add(add);
                }
            }
        } catch (Exception e) { // checked ones too, as above
            throw unreadableEntry(version, e);
        }
        return added;
    }

    private BronzeHistoryMissing unreadableEntry(long version, Exception cause) {
        cursor = null;
        return missing("the log entry of bronze version " + version + " cannot be read (expired by log cleanup?)", cause);
    }

    private BronzeHistoryMissing missing(String what, Throwable cause) {
        return new BronzeHistoryMissing(what + "; the refiner has not read it yet, and continuing would silently skip "
                + "its fixes. To recover: restore the missing files from a backup; or, while Kafka still retains the topic, "
                + "re-ingest it into a fresh data directory ('iss bronze --data-dir NEW --until-caught-up', then "
                + "'iss gold --data-dir NEW --until-caught-up'). Deleting gold alone does not help once bronze's first "
                + "versions have left its log or vacuum has removed compacted-away files, because gold replays bronze from "
                + "its first version. Bronze keeps what 'iss gold' has not read however long it lags, but not for gold tables "
                + "created after bronze's first versions expired (delta.logRetentionDuration, 2 hours unless the table "
                + "says otherwise), nor files deleted by hand or by Spark's VACUUM.", cause);
    }
}
