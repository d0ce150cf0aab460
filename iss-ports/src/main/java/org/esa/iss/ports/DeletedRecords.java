package org.esa.iss.ports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** Where each assigned partition resumes, and which of them skip records deleted before the tables read them. */
    record Resumption(Map<FeedPartition, Long> resumeAt, Map<FeedPartition, Long> skippedTo) {
    }

    /**
     * Where each assigned partition resumes: where the tables do, or where its log starts if that is later.
     *
     * <p>A gap is measured from bronze's position, not from the smaller of the two tables': quarantine commits
     * whenever it has records, so the offsets it trails bronze by held none of its records.
     *
     * @param tables    the tables' positions
     * @param logStarts the first offset still in each partition's log (absent: 0)
     * @param skip      whether to go on past records deleted before the tables read them
     * @throws RecordsDeleted naming each gap, unless {@code skip}
     */
    static Resumption resumeAt(Collection<FeedPartition> assigned, IngestWriter tables, Map<FeedPartition, Long> logStarts,
                               boolean skip) {
        Map<FeedPartition, Long> resume = new HashMap<>();
        Map<FeedPartition, Long> skipped = new HashMap<>();
        List<String> gaps = new ArrayList<>();
        for (FeedPartition partition : sorted(assigned)) {
            long start = logStarts.getOrDefault(partition, 0L);
            resume.put(partition, Math.max(tables.resumeAt(partition), start));
            if (!tables.holdsAny(partition)) {
                if (start > 0) {
                    LOG.warning(() -> "the tables hold no record of " + partition + " yet, and its first " + start
                            + " records were deleted from the topic before; starting at offset " + start);
                }
            } else if (tables.bronzeResumeAt(partition) < start) {
                long from = tables.bronzeResumeAt(partition);
                gaps.add(partition + " offsets " + from + " to " + (start - 1) + " (" + (start - from) + " records)");
                skipped.put(partition, start);
            }
        }
        if (gaps.isEmpty()) {
            return new Resumption(resume, Map.of());
        }
        if (!skip) {
            throw new RecordsDeleted("records were deleted from the topic before the tables read them: " + String.join(", ", gaps)
                    + ". The topic's retention ran out while they waited (an ingester stopped for longer than retention.ms?);"
                    + " nothing was read past them. They cannot be read from the topic any more. To go on from where the"
                    + " log starts now, leaving these offsets out of bronze for good, run the ingester once with"
                    + " --skip-deleted-records; to keep it from happening again, raise the topic's retention.ms above the"
                    + " longest stop.");
        }
        LOG.warning(() -> "skipping records deleted from the topic before the tables read them, left out of bronze for good: "
                + String.join(", ", gaps));
        return new Resumption(resume, skipped);
    }

    /** The partitions by topic and number, so that a message names them in a stable order. */
    static List<FeedPartition> sorted(Collection<FeedPartition> partitions) {
        return partitions.stream()
                .sorted(Comparator.comparing(FeedPartition::topic).thenComparingInt(FeedPartition::partition)).toList();
    }
}
