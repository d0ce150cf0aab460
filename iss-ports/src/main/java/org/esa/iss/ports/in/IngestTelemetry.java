package org.esa.iss.ports.in;

import java.util.OptionalLong;

/**
 * Use case: move the telemetry feed into the bronze and quarantine tables, each offset exactly once. A service is
 * run once; the caller, not the service, closes the feed it was given.
 */
public interface IngestTelemetry {

    /**
     * Ingests until stopped, or with {@code untilCaughtUp} until every partition reaches the end offset
     * it had when the run started; flushes and commits before returning. In a consumer group, "every partition" is
     * every partition assigned: one handed over to another member is left to it, one lost (this member presumed
     * dead) is waited for, and one given later is read up to the end offset it had when first given.
     *
     * @throws org.esa.iss.ports.out.PositionedTable.ConcurrentOwnership when another ingester wrote a partition
     *         this one held (nothing of it is written twice; restart to resume from the tables)
     * @throws IllegalStateException when partitions were lost while a batch held others, or a partition kept was
     *         written by another writer (restart to resume from the tables)
     * @throws TopicReplaced         when the topic was deleted and created again since bronze read it
     * @throws RecordsDeleted        when the log no longer holds records bronze has not read (retention), unless the
     *                               options say to skip them
     * @throws RuntimeException      a table's or the feed's failure, after which nothing more is committed
     */
    IngestSummary run(boolean untilCaughtUp);

    /** Asks a running {@link #run} to flush, commit and return. Safe from any thread. */
    void stop();

    /**
     * Asks a running {@link #run} to ingest everything published up to now (the end offsets at this
     * moment), commit, and return: the clean way to shut down once producers have stopped. An ingester given no
     * partition within 30 s returns without one: the group's other members hold them all, or a dead one does.
     */
    void drain();

    /** Progress so far (safe from any thread). */
    IngestSummary progress();

    /**
     * The records of the partitions this ingester owns that are not in the tables yet, as its last poll (or, once
     * {@link #run} returned, its final commit) saw them: what it still has to read, and what it read and has not
     * committed (safe from any thread). Empty while the feed cannot tell.
     */
    default OptionalLong backlog() {
        return OptionalLong.empty();
    }
}
