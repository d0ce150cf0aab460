package org.esa.iss.ports.in;

import java.util.Map;

/** Use case: say whether the pipeline is alive and ready, component by component. */
public interface CheckHealth {

    /** The current report. */
    HealthReport health();

    /** Status of one component. */
    enum Status { UP, DEGRADED, DOWN }

    /**
     * @param component the component's status
     * @param detail    one line for an operator (lag, last commit, source, error)
     */
    record ComponentHealth(Status component, String detail) {
    }

    /**
     * @param live       the process is running
     * @param ready      every component is at least degraded (data is flowing or about to)
     * @param components by name: source, broker, bronze, gold, ...
     */
    record HealthReport(boolean live, boolean ready, Map<String, ComponentHealth> components) {
        public HealthReport {
            components = Map.copyOf(components);
        }
    }
}
