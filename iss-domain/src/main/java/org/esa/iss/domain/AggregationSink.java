package org.esa.iss.domain;

import java.util.Objects;
import java.util.function.Consumer;

/** Receives what an {@link AltitudeAggregator} finalizes, in event-time order per satellite. */
public interface AggregationSink {
    /** A window the watermark has passed; it will never change again. */
    void windowClosed(AltitudeWindow window);

    /** A revolution that reached its closing ascending node. */
    void orbitCompleted(Orbit orbit);

    /** A sink of two callbacks, e.g. {@code AggregationSink.of(windows::add, orbits::add)}. */
    static AggregationSink of(Consumer<? super AltitudeWindow> onWindow, Consumer<? super Orbit> onOrbit) {
        Objects.requireNonNull(onWindow, "onWindow");
        Objects.requireNonNull(onOrbit, "onOrbit");
        return new AggregationSink() {
            @Override
            public void windowClosed(AltitudeWindow window) {
                onWindow.accept(window);
            }

            @Override
            public void orbitCompleted(Orbit orbit) {
                onOrbit.accept(orbit);
            }
        };
    }

    /** A sink that discards everything, for callers that only need the state. */
    AggregationSink NONE = new AggregationSink() {
        @Override
        public void windowClosed(AltitudeWindow window) {
        }

        @Override
        public void orbitCompleted(Orbit orbit) {
        }
    };
}
