package org.esa.iss.ports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.esa.iss.ports.in.LogTruncated;
import org.esa.iss.ports.out.FeedPartition;

/**
 * A partition whose log ends before the position the tables committed lost records the broker had acknowledged: a
 * machine that went down before the broker's log reached its disk, or an unclean leader election. Records published
 * from then on take offsets the tables hold already, and reading on from their position would skip them for good,
 * without a word. The ingester stops instead, and says so. Only while the log still ends before that position: once
 * records published since have carried it past, the offsets alone cannot tell (Kafka's leader epochs could; they are
 * not kept), so an ingester that starts before the publishers do, after such a crash, is the one that notices.
 */
final class TruncatedLogs {
    private TruncatedLogs() {
    }

    /**
     * @param logEnds the next offset of each partition's log (a partition absent is not checked)
     * @throws LogTruncated naming each partition whose log ends before the tables' position (bronze's, or
     *                      quarantine's for a partition of invalid records only)
     */
    static void requireNotBehindTables(Collection<FeedPartition> assigned, IngestWriter tables, Map<FeedPartition, Long> logEnds) {
        List<String> behind = new ArrayList<>();
        for (FeedPartition partition : DeletedRecords.sorted(assigned)) {
            Long end = logEnds.get(partition);
            long readUpTo = tables.readUpTo(partition);
            if (end != null && tables.holdsAny(partition) && end < readUpTo) {
                behind.add(partition + " ends at offset " + end + ", and the tables hold it up to offset " + (readUpTo - 1));
            }
        }
        if (!behind.isEmpty()) {
            throw new LogTruncated("the topic's log ends before what the tables have read: " + String.join("; ", behind)
                    + ". The broker lost records it had acknowledged (a machine that went down before they were on its"
                    + " disk, or an unclean leader election), and records published from now on take offsets the tables"
                    + " hold already: reading on would skip them. Nothing was read. Ingest the topic into a new data"
                    + " directory (--data-dir), or publish to a topic of another name (--topic).");
        }
    }
}
