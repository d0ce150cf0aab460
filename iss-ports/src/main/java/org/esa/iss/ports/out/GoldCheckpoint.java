package org.esa.iss.ports.out;

import java.util.Objects;
import org.esa.iss.domain.AggregatorState;

/**
 * What a gold table stores atomically with its rows: the last bronze version it has consumed, the aggregator
 * state right after it, and which satellite's fixes it was refined from (0: every satellite's), since bronze
 * versions already consumed are not read again for a satellite left out.
 */
public record GoldCheckpoint(long bronzeVersion, AggregatorState state, long satelliteFilter) {
    public GoldCheckpoint {
        if (bronzeVersion < -1) {
            throw new IllegalArgumentException("bronze version must be >= -1, got " + bronzeVersion);
        }
        Objects.requireNonNull(state, "state");
        if (satelliteFilter < 0) {
            throw new IllegalArgumentException("satellite filter must be a NORAD id or 0 for all, got " + satelliteFilter);
        }
    }

    /** A checkpoint of gold refined from every satellite's fixes. */
    public GoldCheckpoint(long bronzeVersion, AggregatorState state) {
        this(bronzeVersion, state, 0);
    }
}
