package org.esa.iss.ports.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.esa.iss.domain.Fix;

/**
 * Bronze read as a log of versions, for incremental refinement. Versions that only rearranged data
 * (compaction, {@code dataChange=false}) add no fixes. Versions are numbered one after the other, each append
 * being the next, and never change once committed: read again, a version gives the same fixes. Calls come from
 * one thread at a time, not always the same one (the refiner reads the next version ahead on another).
 */
public interface BronzeChangeLog {

    /**
     * What tells this table from one deleted and written again, or put in its place, at the same location (Delta's
     * table id); empty while bronze does not exist yet, or if the implementation cannot tell (then nobody checks
     * it). Gold keeps it with its checkpoint: the versions of another table are not the ones it consumed.
     */
    String tableId();

    /** The newest committed version, or -1 if bronze does not exist yet. */
    long latestVersion();

    /**
     * The first version whose fixes {@link #fixesAddedIn} can still read: 0, unless clean-up has expired the log
     * entries before it; -1 if bronze does not exist yet.
     */
    long firstVersion();

    /**
     * Bronze as of {@code version}, for a refiner that must start after versions that left the log.
     *
     * @throws BronzeHistoryMissing if that version can no longer be read
     */
    BronzeSnapshot snapshotAt(long version);

    /**
     * The fixes a version added, each satellite's in the order they were written (gold's late-event decisions
     * follow it), whatever files or partitions the table keeps them in.
     *
     * @throws BronzeHistoryMissing if the version's files or log entry are gone (vacuumed or expired)
     * @throws IllegalArgumentException if the version is not written yet
     */
    List<Fix> fixesAddedIn(long version);

    /**
     * By when bronze had received the records of {@code version} and of the versions before it (Delta: the commit's
     * time). Gold leaves out a fix whose event time lies far beyond it, which would otherwise hold its watermark in the
     * future and make every later fix late. Empty when the table cannot tell: then no fix is judged ahead of its time.
     */
    default Optional<Instant> receivedBy(long version) {
        return Optional.empty();
    }

    /** Data the refiner has not read yet is no longer there; continuing would silently skip it. */
    final class BronzeHistoryMissing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BronzeHistoryMissing(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
