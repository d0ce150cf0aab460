package org.esa.iss.ports.out;

import java.util.List;
import org.esa.iss.domain.Fix;

/**
 * Bronze read as a log of versions, for incremental refinement. Versions that only rearranged data
 * (compaction, {@code dataChange=false}) add no fixes.
 */
public interface BronzeChangeLog {

    /** The newest committed version, or -1 if bronze does not exist yet. */
    long latestVersion();

    /**
     * The fixes a version added, in the order they were written.
     *
     * @throws BronzeHistoryMissing if the version's files or log entry are gone (vacuumed or expired)
     */
    List<Fix> fixesAddedIn(long version);

    /** Data the refiner has not read yet is no longer there; continuing would silently skip it. */
    final class BronzeHistoryMissing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BronzeHistoryMissing(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
