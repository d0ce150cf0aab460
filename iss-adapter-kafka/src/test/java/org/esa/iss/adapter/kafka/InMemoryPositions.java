package org.esa.iss.adapter.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.PartitionPositions;
import org.esa.iss.ports.out.RawRecord;

/** The positions a table would hold, in memory: advanced by {@link #committed}, read on every assignment. */
final class InMemoryPositions implements PartitionPositions {

    private final Map<FeedPartition, Long> next = new ConcurrentHashMap<>();
    private final List<FeedPartition> revokedLog = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public Map<FeedPartition, Long> nextOffsets(Collection<FeedPartition> assigned) {
        Map<FeedPartition, Long> out = new HashMap<>();
        for (FeedPartition p : assigned) {
            Long offset = next.get(p);
            if (offset != null) {
                out.put(p, offset);
            }
        }
        return out;
    }

    @Override
    public void revoked(Collection<FeedPartition> revoked) {
        revokedLog.addAll(revoked);
    }

    /** What an ingester does after it has durably stored a batch. */
    void committed(List<RawRecord> batch) {
        for (RawRecord r : batch) {
            next.merge(r.partition(), r.offset() + 1, Math::max);
        }
    }

    void set(FeedPartition partition, long nextOffset) {
        next.put(partition, nextOffset);
    }

    List<FeedPartition> revokedSoFar() {
        synchronized (revokedLog) {
            return List.copyOf(revokedLog);
        }
    }
}
