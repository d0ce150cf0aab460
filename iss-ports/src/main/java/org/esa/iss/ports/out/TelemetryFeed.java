package org.esa.iss.ports.out;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the telemetry topic in batches. Where to read from is decided by the tables, not by the broker:
 * the feed calls {@link PartitionPositions} on every assignment and seeks there.
 */
public interface TelemetryFeed extends AutoCloseable {

    /** Starts consuming; {@code positions} is consulted on every assignment. */
    void start(PartitionPositions positions);

    /** The next batch; empty if nothing arrived within the timeout. */
    List<RawRecord> poll(Duration timeout);

    /** The partitions this consumer owns right now. */
    Set<FeedPartition> assignment();

    /** The next offset that will be written to each owned partition (the log end). */
    Map<FeedPartition, Long> endOffsets();

    /**
     * Reports progress for monitoring (consumer lag). Never used to decide where to resume.
     *
     * @param nextOffsets next offset to read per partition
     */
    default void reportProgress(Map<FeedPartition, Long> nextOffsets) {
    }

    /** Wakes a blocked {@link #poll} so that a stopping ingester does not wait for the timeout. */
    void wakeup();

    @Override
    void close();
}
