package org.esa.iss.ports.memory;

import java.util.ArrayList;
import java.util.List;
import org.esa.iss.domain.Fix;
import org.esa.iss.ports.out.BronzeChangeLog;
import org.esa.iss.ports.out.BronzeRecord;
import org.esa.iss.ports.out.BronzeTable;

/** Bronze in memory; also readable as a change log, one version per append. */
public final class InMemoryBronzeTable extends InMemoryPositionedTable<BronzeRecord> implements BronzeTable, BronzeChangeLog {

    public InMemoryBronzeTable(CrashSwitch crash) {
        super("bronze", crash);
    }

    @Override
    public long latestVersion() {
        return versionCount() - 1;
    }

    @Override
    public List<Fix> fixesAddedIn(long version) {
        if (version < 0 || version > latestVersion()) {
            throw new BronzeHistoryMissing("bronze has no version " + version, null);
        }
        List<BronzeRecord> rows = version(version);
        List<Fix> fixes = new ArrayList<>(rows.size());
        for (BronzeRecord row : rows) {
            fixes.add(row.telemetry().toFix());
        }
        return fixes;
    }
}
