package org.esa.iss.ports.memory;

import org.esa.iss.ports.out.QuarantineTable;
import org.esa.iss.ports.out.QuarantinedRecord;

/** Quarantine in memory. */
public final class InMemoryQuarantineTable extends InMemoryPositionedTable<QuarantinedRecord> implements QuarantineTable {

    public InMemoryQuarantineTable(CrashSwitch crash) {
        super("quarantine", crash);
    }
}
