package org.esa.iss.ports.contract;

import java.util.List;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.ports.memory.CrashSwitch;
import org.esa.iss.ports.memory.InMemoryBronzeTable;
import org.esa.iss.ports.memory.InMemoryGoldTable;
import org.esa.iss.ports.out.BronzeChangeLog;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.BronzeTable;
import org.esa.iss.ports.out.GoldTable;
import org.junit.jupiter.api.Nested;

/** The in-memory tables keep the same promises as the Delta ones. */
class InMemoryTablesContractTest {

    @Nested
    class Bronze extends BronzeTableContract {
        @Override
        protected BronzeTable createTable() {
            return new InMemoryBronzeTable(CrashSwitch.NEVER);
        }

        @Override
        protected BronzeTable reopen(BronzeTable table) {
            return table;
        }

        @Override
        protected List<BronzeRecord> readAll(BronzeTable table) {
            return ((InMemoryBronzeTable) table).rows();
        }
    }

    @Nested
    class ChangeLog extends BronzeChangeLogContract {
        @Override
        protected BronzeTable createTable() {
            return new InMemoryBronzeTable(CrashSwitch.NEVER);
        }

        @Override
        protected BronzeChangeLog changeLogOf(BronzeTable table) {
            return (InMemoryBronzeTable) table;
        }

        @Override
        protected void expireVersionsBefore(BronzeTable table, long version) {
            ((InMemoryBronzeTable) table).expireVersionsBefore(version);
        }
    }

    @Nested
    class Gold extends GoldTableContract {
        @Override
        protected GoldTable<AltitudeWindow> createTable() {
            return new InMemoryGoldTable<>("windows", CrashSwitch.NEVER);
        }

        @Override
        protected GoldTable<AltitudeWindow> reopen(GoldTable<AltitudeWindow> table) {
            return table;
        }

        @Override
        protected List<AltitudeWindow> readAll(GoldTable<AltitudeWindow> table) {
            return ((InMemoryGoldTable<AltitudeWindow>) table).rows();
        }
    }
}
