package org.esa.iss.adapter.http.cycle.a;

import org.esa.iss.adapter.http.cycle.b.CycleB;

/** A deliberate violation, compiled only into the app's tests: half of a package cycle. */
public final class CycleA {
    CycleB other;
}
