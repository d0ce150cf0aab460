package org.esa.iss.ports.out;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the telemetry topic in batches. Where to read from is decided by the tables, not by the broker:
 * the feed calls {@link PartitionPositions} on every assignment and seeks there.
 *
 * <p>What the ingester relies on:
 * <ul>
 *   <li>After an assignment a partition's records come from the offset {@link PartitionPositions#nextOffsets}
 *       gave, each once, in ascending offset order; a partition it gave no offset for starts where the feed is
 *       configured to (Kafka's: the log's start).</li>
 *   <li>{@link #endOffsets} is one past the last record a poll can deliver, so that a run reading until caught up
 *       ends. (A topic also written by a transactional producer breaks this: its commit markers take offsets.)</li>
 *   <li>A position given that lies outside the log (records deleted before they were read, a topic recreated)
 *       makes {@link #poll} throw; it is never moved silently to where the log starts or ends.
 *       {@link #logStartOffsets} tells where the records still in the log begin, so that the ingester can decide
 *       first.</li>
 *   <li>{@link PartitionPositions}' methods run on the thread calling {@link #start}, {@link #poll} or
 *       {@link #close}, inside that call, and what they throw makes the call fail (a client library may wrap it).</li>
 * </ul>
 */
public interface TelemetryFeed extends AutoCloseable {

    /** Starts consuming; {@code positions} is consulted on every assignment. */
    void start(PartitionPositions positions);

    /** The next batch; empty if nothing arrived within the timeout. */
    List<RawRecord> poll(Duration timeout);

    /**
     * The id of each topic this feed reads, by name: what tells a topic from one deleted and created again under
     * the same name (Kafka's topic id). Empty when the bus has no such id; then nobody checks. The ingester asks
     * before its first commit and at each later assignment; the first answer may come from a look-up the feed
     * started with.
     */
    default Map<String, String> topicIds() {
        return Map.of();
    }

    /** The partitions this consumer owns right now. */
    Set<FeedPartition> assignment();

    /**
     * The first offset still in the log of each partition given: the records before it were deleted (Kafka's
     * retention, or a deletion of records). A partition absent starts at 0, so a log that never deletes may keep
     * this default. Called from {@link PartitionPositions#nextOffsets}, inside the feed's own call.
     */
    default Map<FeedPartition, Long> logStartOffsets(Collection<FeedPartition> partitions) {
        return Map.of();
    }

    /** The next offset that will be written to each owned partition (the log end). */
    Map<FeedPartition, Long> endOffsets();

    /**
     * As {@link #endOffsets()}, for the partitions given only (the ones just assigned, say: a partition kept whose
     * leader is away then holds nothing up). Called from {@link PartitionPositions#nextOffsets}, inside the feed's own
     * call; the default filters {@link #endOffsets()}, which is right for a feed that owns the partitions by then.
     */
    default Map<FeedPartition, Long> endOffsets(Collection<FeedPartition> partitions) {
        Map<FeedPartition, Long> ends = new HashMap<>(endOffsets());
        ends.keySet().retainAll(partitions);
        return ends;
    }

    /**
     * The records of the owned partitions that {@link #poll} has not returned yet, for monitoring, as far as the feed
     * knows without waiting for the bus (Kafka: the log ends its fetches saw; for a partition without one yet, it asks
     * in the background and answers empty); empty while it does not know them for every owned partition. Called from
     * the polling thread.
     */
    default OptionalLong unreadRecords() {
        return OptionalLong.empty();
    }

    /**
     * Reports progress for monitoring (consumer lag). Never used to decide where to resume.
     *
     * @param nextOffsets next offset to read per partition
     */
    default void reportProgress(Map<FeedPartition, Long> nextOffsets) {
    }

    /**
     * Wakes a blocked {@link #poll} so that a stopping ingester does not wait for the timeout. A wakeup that finds the
     * feed in {@link #endOffsets} or {@link #logStartOffsets} instead may make that call answer empty (the ingester is
     * stopping, and reads nothing more), and still ends the next poll at once.
     */
    void wakeup();

    @Override
    void close();
}
