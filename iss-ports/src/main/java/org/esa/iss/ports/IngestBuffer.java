package org.esa.iss.ports;

import java.util.HashMap;
import java.util.Map;
import org.esa.iss.ports.out.FeedPartition;

/** What was read since the last commit: how many records, since when, and the last offset per partition. */
final class IngestBuffer {
    final Map<FeedPartition, Long> lastRead = new HashMap<>();
    private long records;
    long oldestNanos;

    /** Records read since the last commit, whatever the tables make of them. */
    long size() {
        return records;
    }

    boolean isEmpty() {
        return lastRead.isEmpty();
    }

    /** Notes {@code count} records of one partition read at {@code nowNanos}, the last of them at {@code offset}. */
    void read(FeedPartition partition, long offset, int count, long nowNanos) {
        if (lastRead.isEmpty()) {
            oldestNanos = nowNanos;
        }
        lastRead.merge(partition, offset, Math::max);
        records += count;
    }

    void clear() {
        lastRead.clear();
        records = 0;
    }
}
