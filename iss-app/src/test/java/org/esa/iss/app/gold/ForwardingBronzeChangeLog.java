package org.esa.iss.app.gold;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.esa.iss.domain.Fix;
import org.esa.iss.ports.out.BronzeChangeLog;
import org.esa.iss.ports.out.BronzeSnapshot;

/** Bronze read through another change log; a test overrides the one call it changes. */
class ForwardingBronzeChangeLog implements BronzeChangeLog {
    private final BronzeChangeLog bronze;

    ForwardingBronzeChangeLog(BronzeChangeLog bronze) {
        this.bronze = bronze;
    }

    @Override
    public String tableId() {
        return bronze.tableId();
    }

    @Override
    public long latestVersion() {
        return bronze.latestVersion();
    }

    @Override
    public long firstVersion() {
        return bronze.firstVersion();
    }

    @Override
    public BronzeSnapshot snapshotAt(long version) {
        return bronze.snapshotAt(version);
    }

    @Override
    public List<Fix> fixesAddedIn(long version) {
        return bronze.fixesAddedIn(version);
    }

    @Override
    public Optional<Instant> receivedBy(long version) {
        return bronze.receivedBy(version);
    }
}
