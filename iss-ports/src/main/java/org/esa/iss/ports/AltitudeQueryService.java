package org.esa.iss.ports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Orbit;
import org.esa.iss.domain.PeakAltitude;
import org.esa.iss.ports.in.QueryAltitudes;
import org.esa.iss.ports.out.AltitudeHistory;

/** Answers altitude questions from gold. */
public final class AltitudeQueryService implements QueryAltitudes {
    private final AltitudeHistory history;

    public AltitudeQueryService(AltitudeHistory history) {
        this.history = Objects.requireNonNull(history, "history");
    }

    @Override
    public Optional<PeakAltitude> highestAltitude() {
        return history.highestAltitude();
    }

    @Override
    public List<AltitudeWindow> windows(Instant from, Instant to, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
        return history.windows(from, to, limit);
    }

    @Override
    public List<Orbit> orbits(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        return history.orbits(limit);
    }
}
