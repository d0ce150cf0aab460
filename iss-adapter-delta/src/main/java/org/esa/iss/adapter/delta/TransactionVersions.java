package org.esa.iss.adapter.delta;

import io.delta.standalone.Snapshot;
import io.delta.standalone.actions.SetTransaction;
import io.delta.standalone.internal.SnapshotImpl;
import java.util.List;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Every {@code SetTransaction} of a snapshot. delta-standalone's public API only answers for an app id one
 * already knows ({@code txnVersion}); a restarting ingester does not know which partitions the table holds,
 * so this asks the snapshot implementation for the whole list. Both replay the full table state, so this is
 * called once, at start.
 */
final class TransactionVersions {
    private TransactionVersions() {
    }

    static List<SetTransaction> all(Snapshot snapshot) {
        if (snapshot.getVersion() < 0) {
            return List.of();
        }
        if (!(snapshot instanceof SnapshotImpl impl)) {
            throw new IllegalStateException("unsupported delta-standalone snapshot " + snapshot.getClass().getName()
                    + "; this adapter is built against delta-standalone 3.3");
        }
        return CollectionConverters.asJava(impl.setTransactions());
    }
}
