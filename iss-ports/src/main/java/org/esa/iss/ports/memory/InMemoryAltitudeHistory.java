package org.esa.iss.ports.memory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Orbit;
import org.esa.iss.ports.out.AltitudeHistory;

/** Queries over in-memory gold tables. */
public final class InMemoryAltitudeHistory implements AltitudeHistory {
    private final InMemoryGoldTable<AltitudeWindow> windows;
    private final InMemoryGoldTable<Orbit> orbits;

    public InMemoryAltitudeHistory(InMemoryGoldTable<AltitudeWindow> windows, InMemoryGoldTable<Orbit> orbits) {
        this.windows = Objects.requireNonNull(windows, "windows");
        this.orbits = Objects.requireNonNull(orbits, "orbits");
    }

    @Override
    public List<AltitudeWindow> windows(Instant from, Instant to, int limit) {
        return windows.rows().stream()
                .filter(w -> !w.start().isBefore(from) && w.start().isBefore(to))
                .sorted(AltitudeWindow.NEWEST_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public List<AltitudeWindow> allWindows() {
        return windows.rows();
    }

    @Override
    public List<Orbit> orbits(int limit) {
        return orbits.rows().stream().sorted(Orbit.NEWEST_FIRST).limit(limit).toList();
    }
}
