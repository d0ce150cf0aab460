package org.esa.iss.ports.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
            next.put(partition, resume.getOrDefault(partition, 0L));
        }
    }

    @Override
    public List<RawRecord> poll(Duration timeout) {
        crash.step("feed poll");
        long seen = log.appends();
        List<RawRecord> batch = read();
        if (batch.isEmpty() && !timeout.isZero() && !timeout.isNegative()) {
            // nothing new: wait for an append, as a consumer waits on an idle topic, instead of spinning
            log.awaitAppend(seen, timeout);
            batch = read();
        }
        return batch;
    }

    private List<RawRecord> read() {
        List<RawRecord> batch = new ArrayList<>();
        for (FeedPartition partition : assignment()) {
            List<RawRecord> records = log.read(partition.partition(), next.get(partition), maxBatch - batch.size());
            batch.addAll(records);
            next.merge(partition, (long) records.size(), Long::sum);
        }
        return batch;
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
    public void wakeup() {
        log.wakeUp();
    }

    @Override
    public void close() {
    }
}
