package org.esa.iss.ports.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.esa.iss.ports.out.GoldCheckpoint;
import org.esa.iss.ports.out.GoldTable;

/**
 * A gold table in memory: rows and the checkpoint of the last commit. Every writer shares the one object, so it
 * cannot tell them apart: it refuses only a commit of a bronze version it holds already, or of an earlier one.
 */
public final class InMemoryGoldTable<R> implements GoldTable<R> {
    private final String name;
    private final CrashSwitch crash;
    private final List<R> rows = new ArrayList<>();
    private GoldCheckpoint checkpoint;

    public InMemoryGoldTable(String name, CrashSwitch crash) {
        this.name = name;
        this.crash = crash;
    }

    @Override
    public synchronized Optional<GoldCheckpoint> checkpoint() {
        return Optional.ofNullable(checkpoint);
    }

    @Override
    public synchronized void commit(List<R> newRows, GoldCheckpoint newCheckpoint) {
        crash.step(name + " commit");
        if (checkpoint != null && newCheckpoint.bronzeVersion() <= checkpoint.bronzeVersion()) {
            throw new IllegalStateException(name + " already holds bronze version " + checkpoint.bronzeVersion());
        }
        rows.addAll(newRows);
        checkpoint = newCheckpoint;
    }

    /** Every row committed, in commit order. */
    public synchronized List<R> rows() {
        return List.copyOf(rows);
    }
}
