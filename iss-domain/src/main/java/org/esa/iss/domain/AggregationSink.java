package org.esa.iss.domain;

/** Receives what an {@link AltitudeAggregator} finalizes, in event-time order per satellite. */
public interface AggregationSink {
    /** A window the watermark has passed; it will never change again. */
    void windowClosed(AltitudeWindow window);

    /** A revolution that reached its closing ascending node. */
    void orbitCompleted(Orbit orbit);

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
