package org.esa.iss.ports.out;

import java.util.Objects;
import org.esa.iss.domain.AggregatorState;

/**
 * What a gold table stores atomically with its rows: the last bronze version it has consumed and the
 * aggregator state right after it.
 */
public record GoldCheckpoint(long bronzeVersion, AggregatorState state) {
    public GoldCheckpoint {
        if (bronzeVersion < -1) {
            throw new IllegalArgumentException("bronze version must be >= -1, got " + bronzeVersion);
        }
        Objects.requireNonNull(state, "state");
    }
}
