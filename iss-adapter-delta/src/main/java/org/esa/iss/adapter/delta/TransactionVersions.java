package org.esa.iss.adapter.delta;

import io.delta.standalone.OptimisticTransaction;
import io.delta.standalone.Snapshot;
import io.delta.standalone.actions.SetTransaction;
import io.delta.standalone.internal.OptimisticTransactionImpl;
import io.delta.standalone.internal.SnapshotImpl;
import java.util.Collection;
import java.util.List;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Every {@code SetTransaction} of a snapshot. delta-standalone's public API only answers for an app id one
 * already knows ({@code txnVersion}); a restarting ingester does not know which partitions the table holds,
 * so this asks the snapshot implementation for the whole list. Both replay the full table state, so this is
 * called once, at start. For the same reason a commit declares the app ids it depends on through the
 * transaction implementation rather than through {@code txnVersion}.
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

    /**
     * Makes {@code txn} depend on these app ids, as {@code txnVersion} would, without replaying the table state
     * (a checkpoint and the entries since, at every commit). Delta's conflict check then refuses the commit with
     * a {@code ConcurrentTransactionException} if a commit that landed after the transaction's snapshot, while
     * this one was in flight, set any of them.
     */
    static void dependOn(OptimisticTransaction txn, Collection<String> appIds) {
        if (!(txn instanceof OptimisticTransactionImpl impl)) {
            throw new IllegalStateException("unsupported delta-standalone transaction " + txn.getClass().getName()
                    + "; this adapter is built against delta-standalone 3.3");
        }
        appIds.forEach(impl.readTxn()::addOne);
    }
}
