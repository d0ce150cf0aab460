package org.esa.iss.ports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.BronzeTable;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.PositionedTable;
import org.esa.iss.ports.out.QuarantineTable;
import org.esa.iss.ports.out.QuarantinedRecord;

/**
 * The writer thread's half of ingestion: the open batch (valid rows streamed into bronze's open files, invalid
 * records kept for quarantine) and its commit, run on the writer thread one task at a time. What each table
 * holds per partition is kept here too, for both threads to read; {@link #refreshHolds} and {@link #resumeAt}
 * are called by the ingesting thread while the writer has nothing queued, the counters from anywhere.
 */
final class IngestWriter {
    /**
     * Quarantine also records its position after this many bronze commits without one. A live ingester commits
     * about once a second, so after a kill a restart re-reads about a minute of records at most; without it,
     * a stream without invalid records would leave quarantine's position up to quarantineLagLimit offsets
     * (days at 2 Hz) behind, and a topic whose retention is shorter would no longer hold where it resumes.
     */
    static final int QUARANTINE_LEVEL_EVERY_COMMITS = 60;

    private final BronzeTable bronze;
    private final QuarantineTable quarantine;
    private final long quarantineLagLimit;
    private final Map<FeedPartition, Long> bronzeHolds = new ConcurrentHashMap<>();
    private final Map<FeedPartition, Long> quarantineHolds = new ConcurrentHashMap<>();
    /** The writer thread's parser; {@link #newParser} makes the ingesting thread's. */
    private final ChunkParser parser = newParser();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();

    private PositionedTable.Batch<BronzeRecord> batch;
    private final List<QuarantinedRecord> invalid = new ArrayList<>();
    private long batchRows;
    private int bronzeCommitsSinceQuarantine;

    IngestWriter(BronzeTable bronze, QuarantineTable quarantine, long quarantineLagLimit) {
        this.bronze = bronze;
        this.quarantine = quarantine;
        this.quarantineLagLimit = quarantineLagLimit;
    }

    /** A parser for another thread, deciding from the same table positions. */
    ChunkParser newParser() {
        return new ChunkParser(bronzeHolds, quarantineHolds);
    }

    /** Adds a chunk to the open batch, parsing it first unless the ingesting thread already did. */
    void add(ReadChunk chunk) {
        ReadChunk.Parsed parsed = chunk.parse(parser);
        if (!parsed.valid().isEmpty()) {
            if (batch == null) {
                batch = bronze.startBatch();
            }
            batch.add(parsed.valid());
            batchRows += parsed.valid().size();
        }
        invalid.addAll(parsed.invalid());
        skipped.addAndGet(parsed.skipped());
    }

    /**
     * Commits the open batch with the positions read so far. Quarantine first: a crash between the two leaves
     * bronze behind, never ahead. Quarantine is skipped when it has nothing new, unless this is the last commit
     * or its position lags more than the limit.
     */
    void commit(Map<FeedPartition, Long> positions, boolean last) {
        if (!invalid.isEmpty() || last || quarantineLagsTooFar(positions)
                || bronzeCommitsSinceQuarantine >= QUARANTINE_LEVEL_EVERY_COMMITS) {
            Map<FeedPartition, Long> quarantineAt = neverBack(positions, quarantineHolds);
            quarantine.append(List.copyOf(invalid), quarantineAt);
            commits.incrementAndGet();
            quarantineHolds.putAll(quarantineAt);
            quarantined.addAndGet(invalid.size());
            invalid.clear();
            bronzeCommitsSinceQuarantine = 0;
        }
        Map<FeedPartition, Long> bronzeAt = neverBack(positions, bronzeHolds);
        PositionedTable.Batch<BronzeRecord> committing = batch != null ? batch : bronze.startBatch();
        batch = null;
        committing.commit(bronzeAt);
        commits.incrementAndGet();
        bronzeCommitsSinceQuarantine++;
        bronzeHolds.putAll(bronzeAt);
        rows.addAndGet(batchRows);
        batchRows = 0;
    }

    /** Abandons the open batch (files written for it stay unreferenced; vacuum removes them). */
    void discard() {
        if (batch != null) {
            batch.discard();
            batch = null;
        }
        invalid.clear();
        batchRows = 0;
    }

    /** Records in quarantine the positions bronze has reached, for the partitions given that it lags on. */
    void levelQuarantine(Iterable<FeedPartition> owned) {
        Map<FeedPartition, Long> behind = new HashMap<>();
        for (FeedPartition partition : owned) {
            long bronzeAt = bronzeHolds.getOrDefault(partition, -1L);
            if (bronzeAt > quarantineHolds.getOrDefault(partition, -1L)) {
                behind.put(partition, bronzeAt);
            }
        }
        if (!behind.isEmpty()) {
            quarantine.append(List.of(), behind);
            commits.incrementAndGet();
            quarantineHolds.putAll(behind);
        }
    }

    /** Reads both tables' positions again (another ingester may have written since). Only while nothing is queued. */
    void refreshHolds() {
        bronzeHolds.clear();
        bronzeHolds.putAll(bronze.lastOffsets());
        quarantineHolds.clear();
        quarantineHolds.putAll(quarantine.lastOffsets());
    }

    /** Where a newly assigned partition resumes: just past the smaller of the two tables' positions, or 0. */
    long resumeAt(FeedPartition partition) {
        return Math.min(bronzeHolds.getOrDefault(partition, -1L), quarantineHolds.getOrDefault(partition, -1L)) + 1;
    }

    /** Where bronze alone would resume a partition: just past its position, or 0. */
    long bronzeResumeAt(FeedPartition partition) {
        return bronzeHolds.getOrDefault(partition, -1L) + 1;
    }

    /** Just past the further of the two tables' positions: every offset before it was read by one of them. */
    long readUpTo(FeedPartition partition) {
        return Math.max(bronzeHolds.getOrDefault(partition, -1L), quarantineHolds.getOrDefault(partition, -1L)) + 1;
    }

    /** Whether either table holds a record of the partition. */
    boolean holdsAny(FeedPartition partition) {
        return bronzeHolds.containsKey(partition) || quarantineHolds.containsKey(partition);
    }

    long rows() {
        return rows.get();
    }

    long quarantined() {
        return quarantined.get();
    }

    long skipped() {
        return skipped.get();
    }

    long commits() {
        return commits.get();
    }

    private boolean quarantineLagsTooFar(Map<FeedPartition, Long> positions) {
        for (Map.Entry<FeedPartition, Long> p : positions.entrySet()) {
            if (p.getValue() - quarantineHolds.getOrDefault(p.getKey(), -1L) > quarantineLagLimit) {
                return true;
            }
        }
        return false;
    }

    /**
     * The positions to record in a table: what was read, but never below what the table already holds. After a
     * crash between the two commits one table is ahead; while the other catches up, a commit that also carries
     * other partitions must leave the leader's position where it is, or records would be written to it twice.
     */
    private static Map<FeedPartition, Long> neverBack(Map<FeedPartition, Long> read, Map<FeedPartition, Long> table) {
        Map<FeedPartition, Long> at = new HashMap<>(read);
        at.replaceAll((partition, offset) -> Math.max(offset, table.getOrDefault(partition, -1L)));
        return at;
    }
}
