package org.esa.iss.ports.out;

import java.util.Collection;
import java.util.Map;

/**
 * The ingester's side of partition ownership. The feed asks it where to start whenever partitions are
 * assigned, and tells it when partitions are taken away: revoked (still owned until the call returns, so
 * what was read can be committed) or lost (possibly owned by another consumer already).
 */
public interface PartitionPositions {

    /** For each newly assigned partition, the next offset to read; partitions absent start at the beginning. */
    Map<FeedPartition, Long> nextOffsets(Collection<FeedPartition> assigned);

    /** These partitions now belong to another consumer. */
    void revoked(Collection<FeedPartition> revoked);

    /**
     * This consumer was presumed dead and these partitions may already belong to another one: nothing more
     * of them may be committed. By default treated like a revocation.
     */
    default void lost(Collection<FeedPartition> lost) {
        revoked(lost);
    }
}
