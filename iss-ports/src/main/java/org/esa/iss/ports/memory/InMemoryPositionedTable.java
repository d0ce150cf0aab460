package org.esa.iss.ports.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.esa.iss.ports.out.FeedPartition;
import org.esa.iss.ports.out.PositionedTable;

/**
 * Versions of rows with the positions committed alongside; what bronze and quarantine share. Every writer shares
 * the one object, so it cannot tell them apart: of {@link ConcurrentOwnership} it checks only that no position
 * moves back (the Delta tables also refuse a writer whose partition another writer positioned since it read them).
 */
class InMemoryPositionedTable<R> implements PositionedTable<R> {
    private final String name;
    private final CrashSwitch crash;
    private final List<List<R>> versions = new ArrayList<>();
    private final Map<FeedPartition, Long> positions = new HashMap<>();

    InMemoryPositionedTable(String name, CrashSwitch crash) {
        this.name = name;
        this.crash = crash;
    }

    @Override
    public synchronized Map<FeedPartition, Long> lastOffsets() {
        return Map.copyOf(positions);
    }

    @Override
    public synchronized void append(List<R> rows, Map<FeedPartition, Long> lastOffsets) {
        crash.step(name + " append");
        for (Map.Entry<FeedPartition, Long> p : lastOffsets.entrySet()) {
            if (p.getValue() < positions.getOrDefault(p.getKey(), -1L)) {
                throw new ConcurrentOwnership(name + ": position of " + p.getKey() + " would move back from "
                        + positions.get(p.getKey()) + " to " + p.getValue(), null);
            }
        }
        versions.add(List.copyOf(rows));
        positions.putAll(lastOffsets);
    }

    /** Adds a version that only rearranges data, as a compaction would. */
    public synchronized void compact() {
        versions.add(List.of());
    }

    /** Every row ever appended, in commit order. */
    public synchronized List<R> rows() {
        List<R> all = new ArrayList<>();
        versions.forEach(all::addAll);
        return all;
    }

    synchronized int versionCount() {
        return versions.size();
    }

    synchronized List<R> version(long version) {
        return versions.get((int) version);
    }
}
