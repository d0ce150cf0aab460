package org.esa.iss.adapter.http.cycle.b;

import org.esa.iss.adapter.http.cycle.a.CycleA;

/** A deliberate violation, compiled only into the app's tests: the other half of a package cycle. */
public final class CycleB {
    CycleA other;
}
