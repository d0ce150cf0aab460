package org.esa.iss.app.gold;

import java.util.List;
import java.util.Optional;
import org.esa.iss.domain.Fix;
import org.esa.iss.ports.memory.CrashSwitch;
import org.esa.iss.ports.out.BronzeChangeLog;
import org.esa.iss.ports.out.GoldCheckpoint;
import org.esa.iss.ports.out.GoldTable;

/**
 * Where a refiner process dies: at its {@code step}-th gold commit (counted over both tables) before the
 * commit reaches the table or just after it did, or at its {@code step}-th read of a bronze version. A crash
 * is a {@link CrashSwitch.SimulatedCrash} thrown out of the port, after which the decorated tables are never
 * used again, as if the process had gone.
 */
record CrashPoint(Kind kind, int step) {

    enum Kind {
        /** The commit never happened. */
        BEFORE_GOLD_COMMIT,
        /** The commit happened; the other table (or the next round) never got its turn. */
        AFTER_GOLD_COMMIT,
        /** Mid-way through reading bronze, between two gold commits. */
        WHILE_READING_BRONZE
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase().replace('_', ' ') + " #" + step;
    }

    /** The switch that trips at this point, shared by every decorated port of one run. */
    CrashSwitch newSwitch() {
        return new CrashSwitch(step);
    }

    <R> GoldTable<R> around(GoldTable<R> table, String name, CrashSwitch crash) {
        return switch (kind) {
            case BEFORE_GOLD_COMMIT -> new GoldTable<>() {
                @Override
                public Optional<GoldCheckpoint> checkpoint() {
                    return table.checkpoint();
                }

                @Override
                public void commit(List<R> rows, GoldCheckpoint checkpoint) {
                    crash.step(name + " commit of bronze version " + checkpoint.bronzeVersion());
                    table.commit(rows, checkpoint);
                }
            };
            case AFTER_GOLD_COMMIT -> new GoldTable<>() {
                @Override
                public Optional<GoldCheckpoint> checkpoint() {
                    return table.checkpoint();
                }

                @Override
                public void commit(List<R> rows, GoldCheckpoint checkpoint) {
                    table.commit(rows, checkpoint);
                    crash.step("what follows the " + name + " commit of bronze version " + checkpoint.bronzeVersion());
                }
            };
            case WHILE_READING_BRONZE -> table;
        };
    }

    BronzeChangeLog around(BronzeChangeLog bronze, CrashSwitch crash) {
        if (kind != Kind.WHILE_READING_BRONZE) {
            return bronze;
        }
        return new ForwardingBronzeChangeLog(bronze) {
            @Override
            public List<Fix> fixesAddedIn(long version) {
                crash.step("reading bronze version " + version);
                return super.fixesAddedIn(version);
            }
        };
    }
}
