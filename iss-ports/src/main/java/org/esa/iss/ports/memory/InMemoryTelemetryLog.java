package org.esa.iss.ports.memory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.Observation;
import org.esa.iss.ports.out.RawRecord;
import org.esa.iss.ports.out.TelemetryFeed;
import org.esa.iss.ports.out.TelemetryPublisher;

/**
 * A partitioned, append-only log standing in for a Kafka topic: records keyed by satellite id go to
 * {@code hash(key) mod partitions}, offsets count from 0. Each log has an id of its own, as a Kafka topic has:
 * another log of the same name stands for the topic deleted and created again. Thread-safe.
 */
public final class InMemoryTelemetryLog {
    private final String topic;
    private final String topicId = UUID.randomUUID().toString();
    private final List<List<RawRecord>> partitions = new ArrayList<>();
    /** Per partition, the first offset not deleted. */
    private final long[] starts;

    private long appends;

    public InMemoryTelemetryLog(String topic, int partitionCount) {
        if (partitionCount < 1) {
            throw new IllegalArgumentException("a log needs at least one partition, got " + partitionCount);
        }
        this.topic = topic;
        this.starts = new long[partitionCount];
        for (int i = 0; i < partitionCount; i++) {
            partitions.add(new ArrayList<>());
        }
    }

    /** Appends raw bytes (valid or not) with a {@code source} header; returns its coordinates. */
    public synchronized RawRecord append(byte[] key, byte[] value, String source, long timestampMs) {
        int partition = key == null ? 0 : Math.floorMod(java.util.Arrays.hashCode(key), partitions.size());
        return appendTo(partition, key, value, source, timestampMs);
    }

    /** Appends to the partition given, as a producer that names it does; returns its coordinates. */
    public synchronized RawRecord appendTo(int partition, byte[] key, byte[] value, String source, long timestampMs) {
        List<RawRecord> log = partitions.get(partition);
        RawRecord record = new RawRecord(new FeedPartition(topic, partition), log.size(), timestampMs, key, value,
                Map.of("source", source.getBytes(StandardCharsets.UTF_8)));
        log.add(record);
        appends++;
        notifyAll();
        return record;
    }

    /** How many records were ever appended; feeds wait on this log's monitor for it to change. */
    synchronized long appends() {
        return appends;
    }

    synchronized List<RawRecord> read(int partition, long fromOffset, int max) {
        List<RawRecord> log = partitions.get(partition);
        int from = (int) Math.min(fromOffset, log.size());
        return new ArrayList<>(log.subList(from, Math.min(log.size(), from + max)));
    }

    synchronized long endOffset(int partition) {
        return partitions.get(partition).size();
    }

    /**
     * Deletes the records of {@code partition} before {@code offset}, as Kafka's retention or its deletion of
     * records does: the offsets of the others stay, and the partition now starts there.
     */
    public synchronized void deleteBefore(int partition, long offset) {
        if (offset < starts[partition] || offset > endOffset(partition)) {
            throw new IllegalArgumentException("partition " + partition + " holds offsets " + starts[partition] + " to "
                    + (endOffset(partition) - 1) + "; cannot start it at " + offset);
        }
        starts[partition] = offset;
    }

    synchronized long startOffset(int partition) {
        return starts[partition];
    }

    /** Every record still in the log, partition by partition. */
    public synchronized List<RawRecord> all() {
        List<RawRecord> all = new ArrayList<>();
        for (int p = 0; p < partitions.size(); p++) {
            List<RawRecord> log = partitions.get(p);
            all.addAll(log.subList((int) starts[p], log.size()));
        }
        return all;
    }

    String topic() {
        return topic;
    }

    String topicId() {
        return topicId;
    }

    int partitionCount() {
        return partitions.size();
    }

    /** A publisher appending to this log; deliveries complete immediately. */
    public TelemetryPublisher publisher() {
        return new TelemetryPublisher() {
            @Override
            public CompletableFuture<Delivery> publish(Observation observation) {
                byte[] key = Long.toString(observation.telemetry().satelliteId()).getBytes(StandardCharsets.UTF_8);
                RawRecord record = append(key, observation.json(), observation.source(), observation.fetchedAt().toEpochMilli());
                return CompletableFuture.completedFuture(
                        new Delivery(topic, record.partition().partition(), record.offset()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * A feed owning every partition (manual assignment), crashing on {@code crash}'s schedule.
     *
     * @param maxBatch the most records one poll returns, at least 1
     */
    public TelemetryFeed feed(int maxBatch, CrashSwitch crash) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
        }
        return new InMemoryTelemetryFeed(this, maxBatch, Objects.requireNonNull(crash, "crash"));
    }
}
