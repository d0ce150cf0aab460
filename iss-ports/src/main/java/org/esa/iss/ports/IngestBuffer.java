package org.esa.iss.ports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.QuarantinedRecord;

/** Records read but not yet committed, and the last offset read per partition. */
final class IngestBuffer {
    final List<BronzeRecord> valid = new ArrayList<>();
    final List<QuarantinedRecord> invalid = new ArrayList<>();
    final Map<FeedPartition, Long> lastRead = new HashMap<>();
    long oldestNanos;

    int size() {
        return valid.size() + invalid.size();
    }

    boolean isEmpty() {
        return lastRead.isEmpty();
    }

    void read(FeedPartition partition, long offset, long nowNanos) {
        if (lastRead.isEmpty()) {
            oldestNanos = nowNanos;
        }
        lastRead.merge(partition, offset, Math::max);
    }

    /** Forgets everything read from partitions this consumer no longer owns. */
    void drop(Collection<FeedPartition> partitions) {
        valid.removeIf(r -> partitions.contains(r.partition()));
        invalid.removeIf(r -> partitions.contains(r.raw().partition()));
        partitions.forEach(lastRead::remove);
    }

    void clear() {
        valid.clear();
        invalid.clear();
        lastRead.clear();
    }
}
