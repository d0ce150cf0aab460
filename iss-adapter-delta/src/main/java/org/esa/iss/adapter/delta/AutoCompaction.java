package org.esa.iss.adapter.delta;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compaction run by a writer itself, in its own thread right after a commit, once it has added enough
 * files since the last run: a long-running ingester or refiner keeps its table's active file count bounded
 * without an operator. A failed run is logged and retried after as many files again; the commit that
 * triggered it stands.
 */
final class AutoCompaction {
    private static final Logger LOG = LoggerFactory.getLogger(AutoCompaction.class);
    /**
     * Writers merge toward files of this size, not the 128 MiB of {@code iss compact}: a file this large is left
     * alone afterwards, so a run rewrites at most about this much per partition. With 128 MiB, the unpartitioned
     * gold tables (about 0.7 MB of windows a day) would rewrite their whole history every run for half a year.
     */
    static final long TARGET_FILE_BYTES = 16L << 20;

    private final DeltaCompaction compaction;
    private final int afterFiles;
    private int added;

    AutoCompaction(TableLog log, DeltaTableOptions options) {
        this.compaction = new DeltaCompaction(log, options,
                new DeltaCompaction.Options(TARGET_FILE_BYTES, DeltaCompaction.Options.defaults().minFiles()));
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
        }
    }
}
