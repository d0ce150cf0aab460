package org.esa.iss.ports;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * to bronze only. Buffered records of revoked partitions are dropped: their next owner reads them again.
 */
public final class IngestService implements IngestTelemetry {
    private static final Logger LOG = Logger.getLogger(IngestService.class.getName());

    private final TelemetryFeed feed;
    private final BronzeTable bronze;
    private final QuarantineTable quarantine;
    private final SlotClock clock;
    private final IngestOptions options;
    private final IngestBuffer buffer = new IngestBuffer();
    private final Map<FeedPartition, Long> bronzeOffsets = new HashMap<>();
    private final Map<FeedPartition, Long> quarantineOffsets = new HashMap<>();
    private final Map<FeedPartition, Long> nextToRead = new HashMap<>();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private volatile long startNanos;
    private volatile boolean stopping;
    private volatile boolean draining;

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
        feed.start(new TablePartitionPositions());
        Map<FeedPartition, Long> targets = null;
        while (!stopping) {
            List<RawRecord> records = feed.poll(options.pollTimeout());
            long now = clock.nanoTime();
            for (RawRecord record : records) {
                accept(record, now);
            }
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
        return progress();
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
                buffer.valid.add(new BronzeRecord(telemetry, partition, offset, record.timestampMs(),
                        record.header("source", "unknown")));
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

    /** Commits what is buffered; {@code last} also brings quarantine's positions level with bronze. */
    private void flush(boolean last) {
        if (buffer.isEmpty()) {
            if (last) {
                levelQuarantine();
            }
            return;
        }
        Map<FeedPartition, Long> positions = Map.copyOf(buffer.lastRead);
        if (!buffer.invalid.isEmpty() || last || quarantineLagsTooFar(positions)) {
            quarantine.append(List.copyOf(buffer.invalid), positions);
            commits.incrementAndGet();
            quarantineOffsets.putAll(positions);
            quarantined.addAndGet(buffer.invalid.size());
        }
        bronze.append(List.copyOf(buffer.valid), positions);
        commits.incrementAndGet();
        bronzeOffsets.putAll(positions);
        rows.addAndGet(buffer.valid.size());
        buffer.clear();
        Map<FeedPartition, Long> next = new HashMap<>();
        positions.forEach((partition, offset) -> next.put(partition, offset + 1));
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
            // Another ingester may have owned these partitions since we last looked: ask the tables again.
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
            buffer.drop(revoked);
            revoked.forEach(nextToRead::remove);
        }
    }
}
