package org.esa.iss.domain;

import java.util.ArrayList;
import java.util.List;

/** Collects everything an aggregator emits. */
final class RecordingSink implements AggregationSink {
    final List<AltitudeWindow> windows = new ArrayList<>();
    final List<Orbit> orbits = new ArrayList<>();

    @Override
    public void windowClosed(AltitudeWindow window) {
        windows.add(window);
    }

    @Override
    public void orbitCompleted(Orbit orbit) {
        orbits.add(orbit);
    }
}
