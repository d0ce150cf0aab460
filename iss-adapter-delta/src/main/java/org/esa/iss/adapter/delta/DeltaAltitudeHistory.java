package org.esa.iss.adapter.delta;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.esa.iss.domain.AltitudeWindow;
import org.esa.iss.domain.Orbit;
import org.esa.iss.ports.out.AltitudeHistory;

/** Queries over the gold Delta tables, answered from their current snapshots. */
public final class DeltaAltitudeHistory implements AltitudeHistory {
    private final TableLog windows;
    private final TableLog orbits;

    /**
     * @param windowsDir the {@code altitude_windows} table
     * @param orbitsDir  the {@code orbits} table
     */
    public DeltaAltitudeHistory(String windowsDir, String orbitsDir) {
        this.windows = new TableLog(TableStorage.at(windowsDir), GoldLayouts.WINDOWS_LAYOUT);
        this.orbits = new TableLog(TableStorage.at(orbitsDir), GoldLayouts.ORBITS_LAYOUT);
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
        return GoldRows.all(windows, GoldLayouts.Windows::read);
    }

    @Override
    public List<Orbit> orbits(int limit) {
        return GoldRows.all(orbits, GoldLayouts.Orbits::read).stream()
                .sorted(Comparator.comparing(Orbit::start).reversed())
                .limit(Math.max(0, limit))
                .toList();
    }
}
