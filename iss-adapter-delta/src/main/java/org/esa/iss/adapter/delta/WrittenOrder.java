package org.esa.iss.adapter.delta;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.esa.iss.domain.Fix;

/**
 * The fixes of one bronze version put back in the order they were written. A commit writes one file per event
 * date, so rows whose dates go back and forth (a backfill between live polls around midnight) come back file by
 * file, in another order; gold's late-event decisions must not depend on that. A satellite's rows share a Kafka
 * partition (they are keyed by its id), and a partition's rows are written in offset order: each partition's rows
 * ordered by offset give every satellite its written order back. Partitions follow each other in the order they
 * first appear, which only the interleaving of satellites depends on, and the refiner sets that by event time.
 */
final class WrittenOrder {
    private final List<Fix> fixes = new ArrayList<>();
    private int[] partitions = new int[1024];
    private long[] offsets = new long[1024];

    /**
     * The order to read a version's files in when each holds one partition's rows and, within a partition, the
     * files' offsets do not interleave: by partition, then offset. {@code null} when some file does not qualify.
     */
    static int[] ofFiles(List<FixColumnsReader.PositionSpan> spans) {
        for (FixColumnsReader.PositionSpan span : spans) {
            if (span == null || span.firstPartition() != span.lastPartition()) {
                return null;
            }
        }
        Integer[] order = new Integer[spans.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> spans.get(i).firstPartition())
                .thenComparingLong(i -> spans.get(i).firstOffset()));
        for (int i = 1; i < order.length; i++) {
            FixColumnsReader.PositionSpan before = spans.get(order[i - 1]);
            FixColumnsReader.PositionSpan after = spans.get(order[i]);
            if (before.firstPartition() == after.firstPartition() && before.lastOffset() >= after.firstOffset()) {
                return null;
            }
        }
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /** Adds the next fix read, with where it came from. */
    void add(Fix fix, int partition, long offset) {
        int at = fixes.size();
        if (at == offsets.length) {
            partitions = Arrays.copyOf(partitions, at * 2);
            offsets = Arrays.copyOf(offsets, at * 2);
        }
        partitions[at] = partition;
        offsets[at] = offset;
        fixes.add(fix);
    }

    /** The fixes added, each partition's in offset order. */
    List<Fix> fixes() {
        if (inOrder()) { // one date, or dates that never went back: nothing to move
            return fixes;
        }
        Map<Integer, List<Integer>> byPartition = new LinkedHashMap<>();
        for (int i = 0; i < fixes.size(); i++) {
            byPartition.computeIfAbsent(partitions[i], p -> new ArrayList<>()).add(i);
        }
        List<Fix> ordered = new ArrayList<>(fixes.size());
        for (List<Integer> rows : byPartition.values()) {
            rows.sort((a, b) -> Long.compare(offsets[a], offsets[b]));
            for (int row : rows) {
                ordered.add(fixes.get(row));
            }
        }
        return ordered;
    }

    /** Whether each partition's offsets already ascend, as they do unless a date came back after another. */
    private boolean inOrder() {
        Map<Integer, Long> last = new LinkedHashMap<>();
        int partition = Integer.MIN_VALUE;
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < fixes.size(); i++) {
            if (partitions[i] != partition) { // rows come in runs of one partition
                if (partition != Integer.MIN_VALUE) {
                    last.put(partition, previous);
                }
                partition = partitions[i];
                previous = last.getOrDefault(partition, Long.MIN_VALUE);
            }
            if (offsets[i] <= previous) {
                return false;
            }
            previous = offsets[i];
        }
        return true;
    }
}
