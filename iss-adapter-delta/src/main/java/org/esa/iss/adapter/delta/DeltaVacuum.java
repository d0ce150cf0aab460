package org.esa.iss.adapter.delta;

import io.delta.standalone.DeltaLog;
import io.delta.standalone.Snapshot;
import io.delta.standalone.actions.AddFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes data files that the current snapshot does not reference and that are older than the retention:
 * files removed by compaction, and files written by a flush that crashed before its commit.
 *
 * <p>Never deletes a file the current snapshot uses. The retention protects two other kinds of file: those
 * older versions still reference (time travel, and the refiner's change log, which has not necessarily read
 * them yet), and those an in-flight append has written but not committed. Keep it longer than the refiner
 * can lag and than any flush takes.
 */
public final class DeltaVacuum {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaVacuum.class);

    /**
     * @param retention how old an unreferenced file must be to go; 7 days by default, Delta's own default
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
        Snapshot snapshot = DeltaLog.forTable(storage.conf(), storage.root()).update();
        if (snapshot.getVersion() < 0) {
            throw new IllegalArgumentException("no Delta table at " + storage.root() + "; refusing to delete anything");
        }
        Set<String> referenced = new HashSet<>();
        for (AddFile file : snapshot.getAllFiles()) {
            referenced.add(URI.create(file.getPath()).getPath());
        }
        List<String> deleted = new ArrayList<>();
        long bytes = 0;
        for (FileStatus status : candidates) {
            String relative = relative(status.getPath());
            if (referenced.contains(relative) || status.getModificationTime() >= cutoff) {
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
