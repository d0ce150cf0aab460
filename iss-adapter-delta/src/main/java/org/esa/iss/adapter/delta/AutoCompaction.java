package org.esa.iss.adapter.delta;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compaction run by a writer itself, on the writer's thread right after a commit, once it has added enough
 * files since the last run: a long-running ingester or refiner keeps its table's active file count bounded
 * without an operator. A failed run is logged and retried after as many files again; the commit that
 * triggered it stands.
 *
 * <p>After a compaction, at most once an hour, the writer also vacuums its table, on a thread of its own (a pass
 * reads every data file's status and every log entry): live, compaction leaves behind some 86,400 small files a
 * day in bronze alone, which would otherwise stay on disk until an operator ran {@code iss vacuum}.
 */
final class AutoCompaction {
    private static final Logger LOG = LoggerFactory.getLogger(AutoCompaction.class);
    /**
     * Writers merge toward files of this size, not the 128 MiB of {@code iss compact}: a file this large is left
     * alone afterwards, so a run rewrites at most about this much per partition. With 128 MiB, the unpartitioned
     * gold tables (about 0.7 MB of windows a day) would rewrite their whole history every run for half a year.
     */
    static final long TARGET_FILE_BYTES = 16L << 20;
    /**
     * Writers merge files of like size only (whose sizes have as many digits), ten or more at a time (fewer if the
     * writer compacts after fewer files, or if fewer fill the target). A live bronze day (about 13 MB at 2 Hz) never
     * reaches the target, so without tiers each run, every ~200 commits, rewrote the whole day so far: ~2.8 GB
     * written a day, and as much removed but kept until vacuum's retention passed. With them each row is rewritten
     * three times (into files of ~30 KB, ~300 KB, ~3 MB), and once more when its day has had no new file for an hour
     * ({@link DeltaCompaction#COLD_AFTER}): the finished day is merged whole.
     */
    static final int SIZE_TIER_RATIO = 10;
    /** How often a writer vacuums its table (a pass over all its data files), at most. */
    static final Duration VACUUM_EVERY = Duration.ofHours(1);
    /**
     * How long ago a file must have been written, and removed (as far as the log tells, see {@link DeltaVacuum}),
     * to go, at least: far beyond any flush in flight and the two hours of versions a table keeps by default. A
     * table that states a longer log or removed-file retention is vacuumed with that.
     */
    static final Duration VACUUM_RETENTION = Duration.ofDays(1);

    private final DeltaCompaction compaction;
    private final TableLog log;
    private final String table;
    private final int afterFiles;
    private int added;
    /** The last vacuum pass started, or null: the first compaction of a writer's life starts one. */
    private Thread vacuuming;
    private long vacuumStartedAt;

    AutoCompaction(TableLog log, DeltaTableOptions options) {
        int filesPerMerge = Math.max(DeltaCompaction.Options.defaults().minFiles(), Math.min(SIZE_TIER_RATIO, options.autoCompactAfterFiles()));
        this.compaction = new DeltaCompaction(log, options, new DeltaCompaction.Options(TARGET_FILE_BYTES, filesPerMerge, SIZE_TIER_RATIO));
        this.log = log;
        this.table = log.layout().name();
        this.afterFiles = options.autoCompactAfterFiles();
    }

    /** Called after each commit with the number of data files it added. */
    synchronized void committed(int files) {
        if (afterFiles == 0) {
            return;
        }
        added += files;
        if (added < afterFiles) {
            return;
        }
        added = 0;
        try {
            DeltaCompaction.Result result = compaction.compact();
            LOG.info("auto-compaction of {}: {} files -> {}", result.table(), result.filesRemoved(), result.filesAdded());
        } catch (Exception e) { // checked ones too: Delta passes on its log store's IOException undeclared
            LOG.warn("auto-compaction failed; the table is intact and it will be tried again later", e);
            return;
        }
        startVacuumIfDue();
    }

    private void startVacuumIfDue() {
        long now = System.nanoTime();
        if (vacuuming != null && (vacuuming.isAlive() || now - vacuumStartedAt < VACUUM_EVERY.toNanos())) {
            return;
        }
        vacuumStartedAt = now;
        vacuuming = new Thread(() -> {
            try {
                // Against the system clock: vacuum compares it with the files' modification times, which are real.
                new DeltaVacuum(log.storage(), new DeltaVacuum.Options(vacuumRetention(), false), Clock.systemUTC()).vacuum();
            } catch (Exception e) { // checked ones too, as above
                LOG.warn("auto-vacuum of {} failed; the table is intact and it will be tried again in an hour", table, e);
            }
        }, "iss-vacuum-" + table);
        vacuuming.setDaemon(true); // deleting is idempotent: a pass cut short by the process's exit loses nothing
        vacuuming.start();
    }

    /** The longest of {@link #VACUUM_RETENTION} and the retentions the table states. */
    private Duration vacuumRetention() {
        Map<String, String> configuration = log.latest().getMetadata().getConfiguration();
        Duration retention = VACUUM_RETENTION;
        for (String key : List.of(LogCleanup.LOG_RETENTION, LogCleanup.REMOVED_FILE_RETENTION)) {
            Duration stated = LogCleanup.interval(configuration, key).orElse(Duration.ZERO);
            retention = stated.compareTo(retention) > 0 ? stated : retention;
        }
        return retention;
    }
}
