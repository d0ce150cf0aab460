package org.esa.iss.ports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.logging.Logger;
import org.esa.iss.ports.in.RecordsDeleted;
import org.esa.iss.ports.out.FeedPartition;

/**
 * Kafka deletes a topic's oldest records once its retention runs out, read or not. An ingester stopped for longer
 * than that finds the log starting past its tables' positions: the records in between are gone, and reading on
 * would leave a gap in bronze. It stops and says so, unless told to go on past such gaps. A partition the tables
 * hold nothing of starts where its log does, with a warning: there is no gap in what they hold.
 */
final class DeletedRecords {
    private static final Logger LOG = Logger.getLogger(DeletedRecords.class.getName());

    private DeletedRecords() {
    }

    /**
     * Where each assigned partition resumes: where the tables do, or where its log starts if that is later.
     *
     * @param tablesResumeAt the offset after the last one both tables hold (0 if they hold none)
     * @param tablesHoldAny  whether either table holds any record of the partition
     * @param logStarts      the first offset still in each partition's log (absent: 0)
     * @param skip           whether to go on past records deleted after the tables' positions
     * @throws RecordsDeleted naming each gap, unless {@code skip}
     */
    static Map<FeedPartition, Long> resumeAt(Collection<FeedPartition> assigned, ToLongFunction<FeedPartition> tablesResumeAt,
                                             Predicate<FeedPartition> tablesHoldAny, Map<FeedPartition, Long> logStarts,
                                             boolean skip) {
        Map<FeedPartition, Long> resume = new HashMap<>();
        List<String> gaps = new ArrayList<>();
        for (FeedPartition partition : sorted(assigned)) {
            long at = tablesResumeAt.applyAsLong(partition);
            long start = logStarts.getOrDefault(partition, 0L);
            resume.put(partition, Math.max(at, start));
            if (at >= start) {
                continue;
            }
            if (!tablesHoldAny.test(partition)) {
                LOG.warning(() -> "the tables hold no record of " + partition + " yet, and its first " + start
                        + " were deleted from the topic before; starting at offset " + start);
            } else {
                gaps.add(partition + " offsets " + at + " to " + (start - 1) + " (" + (start - at) + " records)");
            }
        }
        if (gaps.isEmpty()) {
            return resume;
        }
        if (!skip) {
            throw new RecordsDeleted("records were deleted from the topic before the tables read them: " + String.join(", ", gaps)
                    + ". The topic's retention ran out while they waited (an ingester stopped for longer than retention.ms?);"
                    + " nothing was committed past them. They cannot be read from the topic any more. To go on from where the"
                    + " log starts now, leaving these offsets out of bronze for good, run the ingester once with"
                    + " --skip-deleted-records; to keep it from happening again, raise the topic's retention.ms above the"
                    + " longest stop.");
        }
        LOG.warning(() -> "skipping records deleted from the topic before the tables read them, left out of bronze for good: "
                + String.join(", ", gaps));
        return resume;
    }

    private static List<FeedPartition> sorted(Collection<FeedPartition> partitions) {
        return partitions.stream()
                .sorted(Comparator.comparing(FeedPartition::topic).thenComparingInt(FeedPartition::partition)).toList();
    }
}
