package org.esa.iss.ports.out;

import java.util.Objects;
import org.esa.iss.domain.AggregatorState;

/**
 * What a gold table stores atomically with its rows: the last bronze version it has consumed, the aggregator
 * state right after it, which satellite's fixes it was refined from (0: every satellite's;
 * {@link #UNKNOWN_SATELLITE_FILTER} for gold written before it was kept), since bronze versions already consumed
 * are not read again for a satellite left out, and the {@link BronzeChangeLog#tableId() id} of the bronze table
 * those versions are of (empty if unknown).
 */
public record GoldCheckpoint(long bronzeVersion, AggregatorState state, long satelliteFilter, String bronzeTableId) {
    /** The filter of a gold table written before gold kept it: taken to be the one the next run asks for. */
    public static final long UNKNOWN_SATELLITE_FILTER = -1;

    public GoldCheckpoint {
        if (bronzeVersion < -1) {
            throw new IllegalArgumentException("bronze version must be >= -1, got " + bronzeVersion);
        }
        Objects.requireNonNull(state, "state");
        if (satelliteFilter < UNKNOWN_SATELLITE_FILTER) {
            throw new IllegalArgumentException("satellite filter must be a NORAD id, 0 for all or -1 for unknown, got "
                    + satelliteFilter);
        }
        Objects.requireNonNull(bronzeTableId, "bronzeTableId (empty if unknown)");
    }

    /** A checkpoint of bronze versions of a table whose id is not known. */
    public GoldCheckpoint(long bronzeVersion, AggregatorState state, long satelliteFilter) {
        this(bronzeVersion, state, satelliteFilter, "");
    }

    /** A checkpoint of gold refined from every satellite's fixes, of a bronze table whose id is not known. */
    public GoldCheckpoint(long bronzeVersion, AggregatorState state) {
        this(bronzeVersion, state, 0);
    }
}
