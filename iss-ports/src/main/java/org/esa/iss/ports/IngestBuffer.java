package org.esa.iss.ports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.QuarantinedRecord;

/** Records read but not yet committed, and the last offset read per partition. */
final class IngestBuffer {
    final List<QuarantinedRecord> invalid = new ArrayList<>();
    final Map<FeedPartition, Long> lastRead = new HashMap<>();
    private List<BronzeRecord> unsent = new ArrayList<>();
    private long validRows;
    long oldestNanos;

    /** Records read since the last commit (valid rows already handed to the writer included). */
    long size() {
        return validRows + invalid.size();
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

    void addValid(BronzeRecord row) {
        unsent.add(row);
        validRows++;
    }

    long validRows() {
        return validRows;
    }

    int unsentRows() {
        return unsent.size();
    }

    /** The valid rows not yet handed to the writer; from now on they are the writer's. */
    List<BronzeRecord> takeUnsentRows() {
        List<BronzeRecord> rows = unsent;
        unsent = new ArrayList<>();
        return rows;
    }

    void clear() {
        invalid.clear();
        lastRead.clear();
        unsent = new ArrayList<>();
        validRows = 0;
    }
}
