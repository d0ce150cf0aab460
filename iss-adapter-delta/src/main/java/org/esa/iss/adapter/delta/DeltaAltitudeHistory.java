package org.esa.iss.adapter.delta;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Orbit;
import org.esa.iss.ports.out.AltitudeHistory;

/** Queries over the gold Delta tables, answered from their current snapshots (decoded once per version). */
public final class DeltaAltitudeHistory implements AltitudeHistory {
    private final CachedGoldRows<AltitudeWindow> windows;
    private final CachedGoldRows<Orbit> orbits;

    /**
     * @param windowsDir the {@code altitude_windows} table
     * @param orbitsDir  the {@code orbits} table
     */
    public DeltaAltitudeHistory(String windowsDir, String orbitsDir) {
        this.windows = new CachedGoldRows<>(new TableLog(TableStorage.at(windowsDir), GoldLayouts.WINDOWS_LAYOUT),
                GoldLayouts::readWindow);
        this.orbits = new CachedGoldRows<>(new TableLog(TableStorage.at(orbitsDir), GoldLayouts.ORBITS_LAYOUT),
                GoldLayouts.Orbits::read);
    }

    @Override
    public List<AltitudeWindow> windows(Instant from, Instant to, int limit) {
        return allWindows().stream()
                .filter(w -> !w.start().isBefore(from) && w.start().isBefore(to))
                .sorted(Comparator.comparing(AltitudeWindow::start).reversed())
                .limit(Math.max(0, limit))
                .toList();
    }

    @Override
    public List<AltitudeWindow> allWindows() {
        return windows.rows();
    }

    @Override
    public List<Orbit> orbits(int limit) {
        return orbits.rows().stream()
                .sorted(Comparator.comparing(Orbit::start).reversed())
                .limit(Math.max(0, limit))
                .toList();
    }
}
