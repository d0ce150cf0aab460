package org.esa.iss.ports.out;

import java.util.Collection;
import java.util.Map;

/**
 * The ingester's side of partition ownership. The feed asks it where to start whenever partitions are
 * assigned, and tells it when partitions are taken away (so that records buffered for them but not yet
 * committed are dropped: the next owner reads them again from the table's positions).
 */
public interface PartitionPositions {

    /** For each newly assigned partition, the next offset to read; partitions absent start at the beginning. */
    Map<FeedPartition, Long> nextOffsets(Collection<FeedPartition> assigned);

    /** These partitions now belong to another consumer. */
    void revoked(Collection<FeedPartition> revoked);
}
