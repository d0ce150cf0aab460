package org.esa.iss.adapter.delta;

import io.delta.standalone.DeltaLog;
import io.delta.standalone.Snapshot;
import io.delta.standalone.VersionLog;
import io.delta.standalone.actions.Action;
import io.delta.standalone.actions.AddFile;
import io.delta.standalone.actions.RemoveFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes data files that the current snapshot does not reference, written and (as far as the log tells) removed
 * longer ago than the retention: files removed by compaction, and files written by a flush that crashed before
 * its commit.
 *
 * <p>Never deletes a file the current snapshot uses. The retention protects the others twice: counted from
 * when a file was written, it protects files an in-flight append has written but not committed; counted from
 * when a version the log still holds removed it, files older versions use (time travel, and the refiner's change
 * log, which has not necessarily read them yet). Keep it longer than any flush takes. Files removed by a version that
 * a registered reader has not consumed stay whatever their age ({@link ChangeLogReaders}).
 */
public final class DeltaVacuum {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaVacuum.class);

    /**
     * @param retention how long ago an unreferenced file must have been written, and removed if the log still says
     *                  when, to go; 7 days by default, Delta's own default
     * @param dryRun    list what would be deleted, delete nothing
     */
    public record Options(Duration retention, boolean dryRun) {
        public Options {
            Objects.requireNonNull(retention, "retention");
            if (retention.isNegative()) {
                throw new IllegalArgumentException("retention cannot be negative, got " + retention);
            }
        }

        public static Options defaults() {
            return new Options(Duration.ofDays(7), false);
        }
    }

    /** The files deleted (or, on a dry run, that would be), relative to the table, and their total size. */
    public record Result(List<String> files, long bytes, boolean dryRun) {
        public Result {
            files = List.copyOf(files);
        }
    }

    private final TableStorage storage;
    private final Options options;
    private final Clock clock;

    public DeltaVacuum(String tableDir, Options options, Clock clock) {
        this(TableStorage.at(tableDir), options, clock);
    }

    DeltaVacuum(TableStorage storage, Options options, Clock clock) {
        this.storage = storage;
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Result vacuum() {
        long cutoff = clock.millis() - options.retention().toMillis();
        List<FileStatus> candidates = listDataFiles();
        // The snapshot is taken after the listing: every file committed before it is seen as referenced.
        DeltaLog log = DeltaLog.forTable(storage.conf(), storage.root());
        Snapshot snapshot = log.update();
        if (snapshot.getVersion() < 0) {
            throw new IllegalArgumentException("no Delta table at " + storage.root() + "; refusing to delete anything");
        }
        Set<String> kept = new HashSet<>();
        for (AddFile file : snapshot.getAllFiles()) {
            kept.add(URI.create(file.getPath()).getPath());
        }
        long firstNeeded = ChangeLogReaders.of(storage)
                .map(readers -> readers.firstVersionNeeded(clock.millis(), 0)).orElse(Long.MAX_VALUE);
        kept.addAll(removedSince(log, cutoff, firstNeeded));
        List<String> deleted = new ArrayList<>();
        long bytes = 0;
        for (FileStatus status : candidates) {
            String relative = relative(status.getPath());
            if (kept.contains(relative) || status.getModificationTime() >= cutoff) {
                continue;
            }
            if (!options.dryRun()) {
                try {
                    storage.fs().delete(status.getPath(), false);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + status.getPath(), e);
                }
            }
            deleted.add(relative);
            bytes += status.getLen();
        }
        LOG.info("vacuum of {} {} {} files ({} bytes)", storage.root(), options.dryRun() ? "would delete" : "deleted",
                deleted.size(), bytes);
        return new Result(deleted, bytes, options.dryRun());
    }

    /**
     * Files that a version the log still holds removed at or after {@code cutoff}, or removed by version
     * {@code firstNeeded} or later: a file's age is when it was written, and compaction may have removed a file
     * written long ago a moment ago, which readers of the versions before (a refiner catching up, a query under
     * way, time travel) may still read. Delta's VACUUM keeps such files by their removal time too. The log keeps
     * two hours by default (see {@link TableLayout#RETENTION}), and every version a table refined from this one has
     * not consumed ({@link ChangeLogReaders}), which may read files removed since.
     */
    private static Set<String> removedSince(DeltaLog log, long cutoff, long firstNeeded) {
        Set<String> removed = new HashSet<>();
        Iterator<VersionLog> versions = log.getChanges(0, false); // the versions clean-up left, whatever the first
        while (versions.hasNext()) {
            VersionLog version = versions.next();
            List<Action> actions;
            try {
                actions = version.getActions(); // read now, and possibly cleaned up since the listing
            } catch (Exception expired) { // Delta passes on the FileNotFoundException undeclared
                continue; // an entry that old no longer protects anything
            }
            boolean needed = version.getVersion() >= firstNeeded;
            for (Action action : actions) {
                if (action instanceof RemoveFile file
                        && (needed || file.getDeletionTimestamp().orElse(Long.MAX_VALUE) >= cutoff)) {
                    removed.add(URI.create(file.getPath()).getPath());
                }
            }
        }
        return removed;
    }

    /**
     * Files under the table root. Directories named {@code _...} or {@code .…} (the log above all) are never
     * entered: commits keep renaming files there while vacuum runs. A file that disappears between being
     * listed and being looked at was not ours to delete anyway.
     */
    private List<FileStatus> listDataFiles() {
        List<FileStatus> files = new ArrayList<>();
        java.util.ArrayDeque<Path> directories = new java.util.ArrayDeque<>();
        directories.add(storage.root());
        while (!directories.isEmpty()) {
            Path directory = directories.removeFirst();
            FileStatus[] entries;
            try {
                entries = storage.fs().listStatus(directory);
            } catch (java.io.FileNotFoundException vanished) {
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + directory, e);
            }
            for (FileStatus entry : entries) {
                String name = entry.getPath().getName();
                if (name.startsWith("_") || name.startsWith(".")) {
                    continue;
                }
                if (entry.isDirectory()) {
                    directories.add(entry.getPath());
                } else {
                    files.add(entry);
                }
            }
        }
        return files;
    }

    private String relative(Path path) {
        return storage.root().toUri().relativize(path.toUri()).getPath();
    }
}
