package org.esa.iss.ports.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.PartitionPositions;
import org.esa.iss.ports.out.RawRecord;
import org.esa.iss.ports.out.TelemetryFeed;

/** Reads an {@link InMemoryTelemetryLog}, owning all its partitions. */
final class InMemoryTelemetryFeed implements TelemetryFeed {
    private final InMemoryTelemetryLog log;
    private final int maxBatch;
    private final CrashSwitch crash;
    private final Map<FeedPartition, Long> next = new HashMap<>();
    /** A wakeup not yet seen by a poll; guarded by the log's monitor, which appends and wakeups notify. */
    private boolean wakeupPending;

    InMemoryTelemetryFeed(InMemoryTelemetryLog log, int maxBatch, CrashSwitch crash) {
        this.log = log;
        this.maxBatch = maxBatch;
        this.crash = crash;
    }

    @Override
    public void start(PartitionPositions positions) {
        Set<FeedPartition> all = assignment();
        Map<FeedPartition, Long> resume = positions.nextOffsets(all);
        for (FeedPartition partition : all) {
            next.put(partition, resume.getOrDefault(partition, log.startOffset(partition.partition())));
        }
    }

    @Override
    public List<RawRecord> poll(Duration timeout) {
        crash.step("feed poll");
        if (takeWakeup()) {
            return List.of(); // as a consumer's poll after a wakeup: at once, empty
        }
        long seen = log.appends();
        List<RawRecord> batch = read();
        if (batch.isEmpty() && awaitAppend(seen, timeout)) {
            batch = read();
        }
        return batch;
    }

    /**
     * Nothing new: waits for an append, as a consumer waits on an idle topic, instead of spinning; false when
     * a wakeup ended the wait.
     */
    private boolean awaitAppend(long seenAppends, Duration timeout) {
        long nanos = timeout.isNegative() ? 0 : saturatedNanos(timeout);
        long start = System.nanoTime();
        synchronized (log) {
            try {
                for (long left = nanos; log.appends() == seenAppends && !wakeupPending && left > 0;
                        left = nanos - (System.nanoTime() - start)) {
                    TimeUnit.NANOSECONDS.timedWait(log, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return !takeWakeup();
        }
    }

    private boolean takeWakeup() {
        synchronized (log) {
            boolean pending = wakeupPending;
            wakeupPending = false;
            return pending;
        }
    }

    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException beyondAboutThreeCenturies) {
            return Long.MAX_VALUE;
        }
    }

    private List<RawRecord> read() {
        List<RawRecord> batch = new ArrayList<>();
        for (FeedPartition partition : assignment()) {
            long from = next.get(partition);
            long end = log.endOffset(partition.partition());
            if (from > end) { // as Kafka's consumer with no reset policy: never a silent jump to the end
                throw new IllegalStateException("the stored position of " + partition + ", next offset " + from
                        + ", is beyond the end of the log, " + end + ": the log is not the one the table read");
            }
            long start = log.startOffset(partition.partition());
            if (from < start) { // nor to the start
                throw new IllegalStateException("the stored position of " + partition + ", next offset " + from
                        + ", is before the start of the log, " + start + ": the records in between were deleted");
            }
            List<RawRecord> records = log.read(partition.partition(), from, maxBatch - batch.size());
            batch.addAll(records);
            next.merge(partition, (long) records.size(), Long::sum);
        }
        return batch;
    }

    @Override
    public Map<String, String> topicIds() {
        return Map.of(log.topic(), log.topicId());
    }

    @Override
    public Map<FeedPartition, Long> logStartOffsets(Collection<FeedPartition> partitions) {
        Map<FeedPartition, Long> starts = new HashMap<>();
        partitions.forEach(p -> starts.put(p, log.startOffset(p.partition())));
        return starts;
    }

    @Override
    public Set<FeedPartition> assignment() {
        Set<FeedPartition> all = new LinkedHashSet<>();
        for (int p = 0; p < log.partitionCount(); p++) {
            all.add(new FeedPartition(log.topic(), p));
        }
        return all;
    }

    @Override
    public Map<FeedPartition, Long> endOffsets() {
        Map<FeedPartition, Long> ends = new HashMap<>();
        for (FeedPartition partition : assignment()) {
            ends.put(partition, log.endOffset(partition.partition()));
        }
        return ends;
    }

    @Override
    public OptionalLong unreadRecords() {
        long unread = 0;
        for (FeedPartition partition : assignment()) {
            unread += Math.max(0, log.endOffset(partition.partition()) - next.getOrDefault(partition, 0L));
        }
        return OptionalLong.of(unread);
    }

    /** Ends a waiting poll at once, or, if none waits, makes the next poll return at once, as Kafka's does. */
    @Override
    public void wakeup() {
        synchronized (log) {
            wakeupPending = true;
            log.notifyAll();
        }
    }

    @Override
    public void close() {
    }
}
