package org.esa.iss.ports;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.logging.Logger;
import org.esa.iss.ports.in.IngestSummary;
import org.esa.iss.ports.in.IngestTelemetry;
import org.esa.iss.ports.in.LogTruncated;
import org.esa.iss.ports.in.RecordsDeleted;
import org.esa.iss.ports.in.TopicReplaced;
import org.esa.iss.ports.out.BronzeTable;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.PartitionPositions;
import org.esa.iss.ports.out.QuarantineTable;
import org.esa.iss.ports.out.RawRecord;
import org.esa.iss.ports.out.SlotClock;
import org.esa.iss.ports.out.TelemetryFeed;

/**
 * Moves the feed into bronze (valid records) and quarantine (everything else), each offset exactly once.
 *
 * <p>The protocol: each table stores, atomically with its rows, the last offset it holds per partition.
 * On assignment the feed seeks just past the smaller of the two; records a table already holds are not
 * written to it again. Records the topic deleted before bronze read them stop the ingester unless it is told to
 * skip them ({@link DeletedRecords}). A commit happens when the buffer reaches {@link IngestOptions#maxRows()} or its
 * oldest record has waited {@link IngestOptions#maxLatency()}. Quarantine commits first, then bronze,
 * so a crash between them leaves bronze behind, and the records in between are read again and written
 * to bronze only.
 *
 * <p>Two threads share the work ({@link IngestPipeline}): this one reads, the writer thread ({@link IngestWriter})
 * encodes valid rows into the open bronze batch as they come and commits batches in order, and parsing goes to
 * whichever of the two is free ({@link ReadChunk}). When partitions
 * are revoked, everything read so far is committed first, while they are still ours; when they are lost
 * (this consumer was presumed dead), the open batch is discarded and the next owner reads it again.
 */
public final class IngestService implements IngestTelemetry {
    private static final Logger LOG = Logger.getLogger(IngestService.class.getName());
    /**
     * Records handed to the writer at a time. Small, because records waiting in the writer's queue are alive at
     * each young collection (about 1 KB each, Kafka's objects included); a hand-over costs a few microseconds.
     */
    private static final int HAND_OVER_ROWS = 1024;
    /** How long a run until caught up waits for a partition before it says that others hold them all. */
    private static final Duration UNASSIGNED_NOTICE = Duration.ofSeconds(30);
    /**
     * How long a drain waits for a first partition. Without one, the group's other members hold them all, or one that
     * died holds them until its session times out: what was published is then left for them or for the next run.
     */
    static final Duration UNASSIGNED_DRAIN_LIMIT = Duration.ofSeconds(30);
    /**
     * The ingesting thread parses a chunk itself only while the writer has more than this many tasks: enough
     * queued work to outlast the parse. With 1 the writer, whose tasks of parsed rows are short, ran dry while
     * this thread parsed, and waited for work about a fifth of a drain (runs alternated, thresholds 1 to 6:
     * bronze at 1.97x the yardstick with 1, 2.14x with 3, medians of 10 and 13).
     */
    private static final int PARSE_HERE_ABOVE_WAITING = 3;

    private final TelemetryFeed feed;
    private final SlotClock clock;
    private final IngestOptions options;
    private final BronzeTable bronze;
    private final IngestWriter writer;
    private final ChunkParser parser; // this thread's
    private final IngestBuffer buffer = new IngestBuffer();
    private final Map<FeedPartition, Long> nextToRead = new HashMap<>();
    /** Partitions revoked from this ingester and not assigned again: their new owner reads them to the end. */
    private final Set<FeedPartition> handedOver = new HashSet<>();
    private volatile long startNanos;
    private volatile boolean stopping;
    private volatile boolean draining;
    /** {@link #backlog()} as the last poll left it; -1 until the feed first tells. */
    private volatile long backlog = -1;
    private volatile long drainingSince;
    private IngestPipeline pipeline;
    private ReadChunk chunk = new ReadChunk();
    /** Whether the feed's topics were checked against bronze's, which happens before the first commit. */
    private boolean topicsChecked;

    public IngestService(TelemetryFeed feed, BronzeTable bronze, QuarantineTable quarantine, SlotClock clock, IngestOptions options) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.bronze = Objects.requireNonNull(bronze, "bronze");
        this.writer = new IngestWriter(bronze,
                Objects.requireNonNull(quarantine, "quarantine"), options.quarantineLagLimit());
        this.parser = writer.newParser();
    }

    @Override
    public IngestSummary run(boolean untilCaughtUp) {
        startNanos = clock.nanoTime();
        writer.refreshHolds();
        try (IngestPipeline tasks = new IngestPipeline()) {
            pipeline = tasks;
            feed.start(new TablePartitionPositions());
            Map<FeedPartition, Long> targets = null;
            boolean saidUnassigned = false;
            while (!stopping) {
                List<RawRecord> records = poll();
                long now = clock.nanoTime();
                read(records, now);
                reportCommitted(pipeline.finished());
                noteBacklog();
                if (untilCaughtUp || draining) {
                    Set<FeedPartition> assigned = feed.assignment();
                    if (targets == null && !assigned.isEmpty()) {
                        targets = new HashMap<>(feed.endOffsets());
                    } else if (targets != null && !targets.keySet().containsAll(assigned)) {
                        feed.endOffsets().forEach(targets::putIfAbsent); // given since: their ends now are the goal
                    }
                    if (targets != null && caughtUp(targets)) {
                        break;
                    }
                    if (draining && targets == null && now - drainingSince > UNASSIGNED_DRAIN_LIMIT.toNanos()) {
                        LOG.info(() -> "no partition assigned " + UNASSIGNED_DRAIN_LIMIT.toSeconds() + " s into the drain:"
                                + " other members of the consumer group hold them all (or a member that died does, until"
                                + " its session times out); they, or the next run, ingest what was published");
                        break;
                    }
                    if (untilCaughtUp && targets == null && !saidUnassigned && now - startNanos > UNASSIGNED_NOTICE.toNanos()) {
                        saidUnassigned = true;
                        LOG.warning(() -> "no partition assigned after " + UNASSIGNED_NOTICE.toSeconds() + " s: other members of"
                                + " the consumer group hold them all (a live ingester?); waiting until one is given to this one");
                    }
                }
                if (buffer.size() >= options.maxRows()
                        || (!buffer.isEmpty() && now - buffer.oldestNanos >= options.maxLatency().toNanos())) {
                    flush(false);
                }
            }
            flush(true);
            noteBacklog();
        } finally {
            pipeline = null;
        }
        return progress();
    }

    /**
     * Polls the feed. A poll that fails before the topics were checked is explained by the check if it can be: a
     * topic created again with fewer records than bronze read fails the seek to bronze's positions first.
     */
    private List<RawRecord> poll() {
        try {
            return feed.poll(pollTimeout());
        } catch (RuntimeException failed) {
            for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
                if (cause instanceof TopicReplaced || cause instanceof RecordsDeleted || cause instanceof LogTruncated) {
                    // from an assignment, wrapped by the client
                    throw (IllegalStateException) cause;
                }
            }
            throw explainedByTopicCheck(failed);
        }
    }

    /**
     * Before the first check, a failure may come from a topic created again: the check then names it, with the
     * failure it explains suppressed.
     */
    private RuntimeException explainedByTopicCheck(RuntimeException failed) {
        if (topicsChecked) {
            return failed;
        }
        try {
            checkTopics();
        } catch (TopicReplaced replaced) {
            replaced.addSuppressed(failed);
            return replaced;
        } catch (RuntimeException alsoFailed) {
            failed.addSuppressed(alsoFailed);
        }
        return failed;
    }

    /** Before the first commit: by then the feed's look-up has run beside the first polls. */
    private void checkTopics() {
        TopicIdentity.check(feed.topicIds(), bronze);
        topicsChecked = true;
    }

    /** The poll timeout, cut short when the oldest buffered record is due to be committed sooner. */
    private Duration pollTimeout() {
        if (buffer.isEmpty()) {
            return options.pollTimeout();
        }
        long untilDue = buffer.oldestNanos + options.maxLatency().toNanos() - clock.nanoTime();
        return untilDue <= 0 ? Duration.ZERO : Duration.ofNanos(Math.min(untilDue, options.pollTimeout().toNanos()));
    }

    /** Queues what a poll returned for the writer; positions are noted once per run of one partition's records. */
    private void read(List<RawRecord> records, long nowNanos) {
        int runStart = 0;
        for (int i = 0; i < records.size(); i++) {
            RawRecord record = records.get(i);
            chunk.add(record);
            if (chunk.size() == HAND_OVER_ROWS) {
                handOver();
            }
            if (i + 1 == records.size() || !records.get(i + 1).partition().equals(record.partition())) {
                buffer.read(record.partition(), record.offset(), i + 1 - runStart, nowNanos);
                nextToRead.put(record.partition(), record.offset() + 1);
                runStart = i + 1;
            }
        }
        handOver();
    }

    /**
     * Whether every partition has been read up to its target, but those handed over to another owner: a partition
     * lost (this ingester was presumed dead) is still this run's to read once it is given back.
     */
    private boolean caughtUp(Map<FeedPartition, Long> targets) {
        for (Map.Entry<FeedPartition, Long> target : targets.entrySet()) {
            if (!handedOver.contains(target.getKey()) && nextToRead.getOrDefault(target.getKey(), 0L) < target.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Hands the records read since the last call to the writer thread. While the writer has more than
     * {@value #PARSE_HERE_ABOVE_WAITING} tasks, this thread parses them itself first; otherwise the writer, soon
     * to be idle, parses them. So at most four tasks hold unparsed records (and Kafka's objects with them, about
     * 4 MB) at any time, however many are queued.
     */
    private void handOver() {
        if (chunk.size() == 0) {
            return;
        }
        ReadChunk full = chunk;
        chunk = new ReadChunk();
        if (pipeline.waiting() > PARSE_HERE_ABOVE_WAITING) {
            full.parse(parser);
        }
        pipeline.submit(() -> writer.add(full));
    }

    /**
     * Queues the commit of everything read so far; {@code last} also waits for it and brings quarantine's
     * positions level with bronze.
     */
    private void flush(boolean last) {
        if (!buffer.isEmpty()) {
            if (!topicsChecked) {
                checkTopics();
            }
            handOver();
            Map<FeedPartition, Long> positions = Map.copyOf(buffer.lastRead);
            long records = buffer.size();
            buffer.clear();
            pipeline.commit(() -> writer.commit(positions, last), positions, records);
        }
        if (last) {
            Set<FeedPartition> owned = Set.copyOf(feed.assignment());
            pipeline.submit(() -> writer.levelQuarantine(owned));
            reportCommitted(pipeline.awaitAll());
        }
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

    @Override
    public void stop() {
        stopping = true;
        feed.wakeup();
    }

    @Override
    public void drain() {
        drainingSince = clock.nanoTime();
        draining = true;
    }

    /**
     * What the feed has not returned yet, and what was read and is not committed: {@link #backlog()}. Kept as it was
     * while the feed cannot tell (a partition just assigned, before its first fetch), so that the lag does not drop
     * to nothing and back at every rebalance.
     */
    private void noteBacklog() {
        OptionalLong unread = feed.unreadRecords();
        if (unread.isPresent()) {
            backlog = unread.getAsLong() + buffer.size() + pipeline.pendingRecords();
        }
    }

    @Override
    public OptionalLong backlog() {
        long known = backlog;
        return known < 0 ? OptionalLong.empty() : OptionalLong.of(known);
    }

    @Override
    public IngestSummary progress() {
        long start = startNanos;
        Duration elapsed = start == 0 ? Duration.ZERO : Duration.ofNanos(clock.nanoTime() - start);
        return new IngestSummary(writer.rows(), writer.quarantined(), writer.skipped(), writer.commits(), elapsed);
    }

    /** The feed asks the tables, through this, where each newly assigned partition resumes. */
    private final class TablePartitionPositions implements PartitionPositions {
        @Override
        public Map<FeedPartition, Long> nextOffsets(Collection<FeedPartition> assigned) {
            // Another ingester may have owned these partitions since we last looked: ask the tables again,
            // once what we read of the partitions we keep is committed (a table that learnt that another writer
            // took one of them refuses that commit; asked again, it would forget).
            if (pipeline != null) {
                flush(false);
                reportCommitted(pipeline.awaitAll());
            }
            if (topicsChecked) { // a topic can be created again while a run goes on; the first check is the first flush's
                checkTopics();
            }
            writer.refreshHolds();
            requireKeptPartitionsUntouched(assigned);
            DeletedRecords.Resumption resumption = resumption(assigned);
            Map<FeedPartition, Long> next = new HashMap<>();
            resumption.resumeAt().forEach((partition, offset) -> {
                if (offset > 0) {
                    next.put(partition, offset);
                }
            });
            nextToRead.putAll(resumption.resumeAt());
            // committed with the next batch, so that the gap is behind the tables even if no record follows it
            long now = clock.nanoTime();
            resumption.skippedTo().forEach((partition, start) -> buffer.read(partition, start - 1, 0, now));
            handedOver.removeAll(assigned);
            LOG.fine(() -> "assigned " + assigned + ", resuming at " + next);
            return next;
        }

        /**
         * Where the partitions resume, given where their logs start. Records deleted past the tables' positions are
         * first checked against the topic's id: a topic created again can start past them too.
         */
        private DeletedRecords.Resumption resumption(Collection<FeedPartition> assigned) {
            try {
                TruncatedLogs.requireNotBehindTables(assigned, writer, feed.endOffsets(assigned));
                return DeletedRecords.resumeAt(assigned, writer, feed.logStartOffsets(assigned), options.skipDeletedRecords());
            } catch (RecordsDeleted | LogTruncated deletedOrLost) {
                throw explainedByTopicCheck(deletedOrLost);
            }
        }

        /**
         * Everything read of the partitions kept is committed now, so the tables hold exactly that much of them:
         * more means another writer (outside this consumer group) wrote them meanwhile, and reading on would
         * write its records again.
         */
        private void requireKeptPartitionsUntouched(Collection<FeedPartition> assigned) {
            for (Map.Entry<FeedPartition, Long> kept : nextToRead.entrySet()) {
                if (assigned.contains(kept.getKey())) {
                    continue;
                }
                long tablesResumeAt = writer.resumeAt(kept.getKey());
                if (tablesResumeAt > kept.getValue()) {
                    throw new IllegalStateException("another writer wrote " + kept.getKey() + " up to offset "
                            + (tablesResumeAt - 1) + " while this ingester, still reading it from offset " + kept.getValue()
                            + ", held it; stopping so that a restart resumes from what the tables hold");
                }
            }
        }

        @Override
        public void revoked(Collection<FeedPartition> revoked) {
            // Still ours until this returns: commit what was read, so the next owner starts where we stopped.
            if (pipeline != null) {
                flush(false);
                reportCommitted(pipeline.awaitAll());
            }
            revoked.forEach(nextToRead::remove);
            handedOver.addAll(revoked);
        }

        @Override
        public void lost(Collection<FeedPartition> lost) {
            // Perhaps someone else's already: commit nothing more of them. A batch holding their records is dropped.
            Set<FeedPartition> held = buffer.lastRead.keySet();
            if (pipeline != null && lost.stream().anyMatch(held::contains)) {
                reportCommitted(pipeline.awaitAll());
                boolean othersInBatch = !lost.containsAll(held);
                buffer.clear();
                chunk = new ReadChunk();
                pipeline.submit(writer::discard);
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
