package org.esa.iss.ports;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.esa.iss.domain.InvalidTelemetry;
import org.esa.iss.domain.Telemetry;
import org.esa.iss.domain.TelemetryJson;
import org.esa.iss.ports.in.IngestSummary;
import org.esa.iss.ports.in.IngestTelemetry;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.BronzeTable;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.PartitionPositions;
import org.esa.iss.ports.out.PositionedTable;
import org.esa.iss.ports.out.QuarantineTable;
import org.esa.iss.ports.out.QuarantinedRecord;
import org.esa.iss.ports.out.RawRecord;
import org.esa.iss.ports.out.SlotClock;
import org.esa.iss.ports.out.TelemetryFeed;

/**
 * Moves the feed into bronze (valid records) and quarantine (everything else), each offset exactly once.
 *
 * <p>The protocol: each table stores, atomically with its rows, the last offset it holds per partition.
 * On assignment the feed seeks just past the smaller of the two; records a table already holds are not
 * written to it again. A commit happens when the buffer reaches {@link IngestOptions#maxRows()} or its
 * oldest record has waited {@link IngestOptions#maxLatency()}. Quarantine commits first, then bronze,
 * so a crash between them leaves bronze behind, and the records in between are read again and written
 * to bronze only.
 *
 * <p>Two threads share the work ({@link IngestPipeline}): this one reads and parses, the writer thread
 * encodes valid rows into the open bronze batch as they come and commits batches in order. When partitions
 * are revoked, everything read so far is committed first, while they are still ours; when they are lost
 * (this consumer was presumed dead), the open batch is discarded and the next owner reads it again.
 */
public final class IngestService implements IngestTelemetry {
    private static final Logger LOG = Logger.getLogger(IngestService.class.getName());
    /** Rows handed to the writer at a time: small enough to stay in the young generation, large enough to amortize. */
    private static final int HAND_OVER_ROWS = 4096;

    private final TelemetryFeed feed;
    private final BronzeTable bronze;
    private final QuarantineTable quarantine;
    private final SlotClock clock;
    private final IngestOptions options;
    private final IngestBuffer buffer = new IngestBuffer();
    // advanced by the writer thread, read by this one
    private final Map<FeedPartition, Long> bronzeOffsets = new ConcurrentHashMap<>();
    private final Map<FeedPartition, Long> quarantineOffsets = new ConcurrentHashMap<>();
    private final Map<FeedPartition, Long> nextToRead = new HashMap<>();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private volatile long startNanos;
    private volatile boolean stopping;
    private volatile boolean draining;
    private final HeaderText sources = new HeaderText();
    private IngestPipeline pipeline;
    private PositionedTable.Batch<BronzeRecord> batch; // writer thread only

    public IngestService(TelemetryFeed feed, BronzeTable bronze, QuarantineTable quarantine, SlotClock clock, IngestOptions options) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.bronze = Objects.requireNonNull(bronze, "bronze");
        this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public IngestSummary run(boolean untilCaughtUp) {
        startNanos = clock.nanoTime();
        refreshOffsets();
        try (IngestPipeline writer = new IngestPipeline()) {
            pipeline = writer;
            feed.start(new TablePartitionPositions());
            Map<FeedPartition, Long> targets = null;
            while (!stopping) {
                List<RawRecord> records = feed.poll(pollTimeout());
                long now = clock.nanoTime();
                for (RawRecord record : records) {
                    accept(record, now);
                    if (buffer.unsentRows() == HAND_OVER_ROWS) {
                        handOverRows();
                    }
                }
                handOverRows();
                reportCommitted(pipeline.finished());
                if ((untilCaughtUp || draining) && targets == null && !feed.assignment().isEmpty()) {
                    targets = feed.endOffsets();
                }
                boolean caughtUp = targets != null && caughtUp(targets);
                if (buffer.size() >= options.maxRows() || caughtUp
                        || (!buffer.isEmpty() && now - buffer.oldestNanos >= options.maxLatency().toNanos())) {
                    flush(caughtUp);
                }
                if (caughtUp) {
                    break;
                }
            }
            flush(true);
        } finally {
            pipeline = null;
        }
        return progress();
    }

    /** The poll timeout, cut short when the oldest buffered record is due to be committed sooner. */
    private Duration pollTimeout() {
        if (buffer.isEmpty()) {
            return options.pollTimeout();
        }
        long untilDue = buffer.oldestNanos + options.maxLatency().toNanos() - clock.nanoTime();
        return untilDue <= 0 ? Duration.ZERO : Duration.ofNanos(Math.min(untilDue, options.pollTimeout().toNanos()));
    }

    private void accept(RawRecord record, long nowNanos) {
        FeedPartition partition = record.partition();
        long offset = record.offset();
        boolean bronzeHasIt = offset <= bronzeOffsets.getOrDefault(partition, -1L);
        boolean quarantineHasIt = offset <= quarantineOffsets.getOrDefault(partition, -1L);
        buffer.read(partition, offset, nowNanos);
        nextToRead.put(partition, offset + 1);
        try {
            Telemetry telemetry = TelemetryJson.parse(record.value());
            if (bronzeHasIt) {
                skipped.incrementAndGet();
            } else {
                buffer.addValid(new BronzeRecord(telemetry, partition, offset, record.timestampMs(),
                        sources.of(record.headers().get("source"), "unknown")));
            }
        } catch (InvalidTelemetry e) {
            if (quarantineHasIt) {
                skipped.incrementAndGet();
            } else {
                buffer.invalid.add(new QuarantinedRecord(record, e.getMessage()));
            }
        }
    }

    private boolean caughtUp(Map<FeedPartition, Long> targets) {
        for (Map.Entry<FeedPartition, Long> target : targets.entrySet()) {
            if (nextToRead.getOrDefault(target.getKey(), 0L) < target.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Hands the rows parsed since the last call to the writer thread, which encodes them into the batch. */
    private void handOverRows() {
        if (buffer.unsentRows() > 0) {
            List<BronzeRecord> rows = buffer.takeUnsentRows();
            pipeline.submit(() -> openBatch().add(rows));
        }
    }

    private PositionedTable.Batch<BronzeRecord> openBatch() {
        if (batch == null) {
            batch = bronze.startBatch();
        }
        return batch;
    }

    /**
     * Queues the commit of everything read so far; {@code last} also waits for it and brings quarantine's
     * positions level with bronze.
     */
    private void flush(boolean last) {
        if (buffer.isEmpty()) {
            if (last) {
                reportCommitted(pipeline.awaitAll());
                levelQuarantine();
            }
            return;
        }
        handOverRows();
        Map<FeedPartition, Long> positions = Map.copyOf(buffer.lastRead);
        List<QuarantinedRecord> invalid = List.copyOf(buffer.invalid);
        boolean toQuarantine = !invalid.isEmpty() || last || quarantineLagsTooFar(positions);
        long validRows = buffer.validRows();
        buffer.clear();
        pipeline.commit(() -> commit(invalid, validRows, positions, toQuarantine), positions);
        if (last) {
            reportCommitted(pipeline.awaitAll());
        }
    }

    /** Runs on the writer thread. Quarantine first: a crash between the two leaves bronze behind, never ahead. */
    private void commit(List<QuarantinedRecord> invalid, long validRows, Map<FeedPartition, Long> positions,
                        boolean toQuarantine) {
        if (toQuarantine) {
            Map<FeedPartition, Long> quarantineAt = neverBack(positions, quarantineOffsets);
            quarantine.append(invalid, quarantineAt);
            commits.incrementAndGet();
            quarantineOffsets.putAll(quarantineAt);
            quarantined.addAndGet(invalid.size());
        }
        Map<FeedPartition, Long> bronzeAt = neverBack(positions, bronzeOffsets);
        PositionedTable.Batch<BronzeRecord> committing = openBatch();
        batch = null;
        committing.commit(bronzeAt);
        commits.incrementAndGet();
        bronzeOffsets.putAll(bronzeAt);
        rows.addAndGet(validRows);
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

    /** Tells the feed (on its own thread: consumers are single-threaded) what landed commits hold. */
    private void reportCommitted(List<Map<FeedPartition, Long>> landed) {
        if (landed.isEmpty()) {
            return;
        }
        Map<FeedPartition, Long> next = new HashMap<>();
        for (Map<FeedPartition, Long> positions : landed) {
            positions.forEach((partition, offset) -> next.put(partition, offset + 1));
        }
        feed.reportProgress(next);
    }

    /** Records in quarantine the positions bronze has reached for the partitions this consumer owns. */
    private void levelQuarantine() {
        Map<FeedPartition, Long> behind = new HashMap<>();
        for (FeedPartition partition : feed.assignment()) {
            long bronzeAt = bronzeOffsets.getOrDefault(partition, -1L);
            if (bronzeAt > quarantineOffsets.getOrDefault(partition, -1L)) {
                behind.put(partition, bronzeAt);
            }
        }
        if (!behind.isEmpty()) {
            quarantine.append(List.of(), behind);
            commits.incrementAndGet();
            quarantineOffsets.putAll(behind);
        }
    }

    private boolean quarantineLagsTooFar(Map<FeedPartition, Long> positions) {
        for (Map.Entry<FeedPartition, Long> p : positions.entrySet()) {
            if (p.getValue() - quarantineOffsets.getOrDefault(p.getKey(), -1L) > options.quarantineLagLimit()) {
                return true;
            }
        }
        return false;
    }

    private void refreshOffsets() {
        bronzeOffsets.clear();
        bronzeOffsets.putAll(bronze.lastOffsets());
        quarantineOffsets.clear();
        quarantineOffsets.putAll(quarantine.lastOffsets());
    }

    /** Writer thread: abandons the open batch (its files stay unreferenced). */
    private void discardBatch() {
        if (batch != null) {
            batch.discard();
            batch = null;
        }
    }

    @Override
    public void stop() {
        stopping = true;
        feed.wakeup();
    }

    @Override
    public void drain() {
        draining = true;
    }

    @Override
    public IngestSummary progress() {
        long start = startNanos;
        Duration elapsed = start == 0 ? Duration.ZERO : Duration.ofNanos(clock.nanoTime() - start);
        return new IngestSummary(rows.get(), quarantined.get(), skipped.get(), commits.get(), elapsed);
    }

    /** The feed asks the tables, through this, where each newly assigned partition resumes. */
    private final class TablePartitionPositions implements PartitionPositions {
        @Override
        public Map<FeedPartition, Long> nextOffsets(Collection<FeedPartition> assigned) {
            // Another ingester may have owned these partitions since we last looked: ask the tables again,
            // once our own queued commits are in them.
            if (pipeline != null) {
                reportCommitted(pipeline.awaitAll());
            }
            refreshOffsets();
            Map<FeedPartition, Long> next = new HashMap<>();
            for (FeedPartition partition : assigned) {
                long resumeAfter = Math.min(bronzeOffsets.getOrDefault(partition, -1L), quarantineOffsets.getOrDefault(partition, -1L));
                if (resumeAfter >= 0) {
                    next.put(partition, resumeAfter + 1);
                }
                nextToRead.put(partition, resumeAfter + 1);
            }
            LOG.fine(() -> "assigned " + assigned + ", resuming at " + next);
            return next;
        }

        @Override
        public void revoked(Collection<FeedPartition> revoked) {
            // Still ours until this returns: commit what was read, so the next owner starts where we stopped.
            if (pipeline != null) {
                flush(false);
                reportCommitted(pipeline.awaitAll());
            }
            revoked.forEach(nextToRead::remove);
        }

        @Override
        public void lost(Collection<FeedPartition> lost) {
            // Perhaps someone else's already: commit nothing more of them. A batch holding their records is dropped.
            Set<FeedPartition> held = buffer.lastRead.keySet();
            if (pipeline != null && lost.stream().anyMatch(held::contains)) {
                reportCommitted(pipeline.awaitAll());
                boolean othersInBatch = !lost.containsAll(held);
                buffer.clear();
                pipeline.submit(IngestService.this::discardBatch);
                pipeline.awaitAll();
                if (othersInBatch) {
                    throw new IllegalStateException("partitions " + lost + " were lost while a batch also held "
                            + "records of partitions still owned; stopping so that a restart re-reads them from the tables");
                }
            }
            lost.forEach(nextToRead::remove);
        }
    }
}
