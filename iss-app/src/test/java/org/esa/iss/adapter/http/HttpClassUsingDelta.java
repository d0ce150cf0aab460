package org.esa.iss.adapter.http;

import org.esa.iss.adapter.delta.DeltaTableOptions;

/** A deliberate violation, compiled only into the app's tests: one adapter reaching into another. */
final class HttpClassUsingDelta {
    DeltaTableOptions options;
}
