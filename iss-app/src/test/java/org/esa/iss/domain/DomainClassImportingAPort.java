package org.esa.iss.domain;

import org.esa.iss.ports.out.GroundControl;

/**
 * A deliberate violation, compiled only into the app's tests: a domain class that knows a port.
 * {@code ArchitectureRulesBiteTest} checks that the rules reject it.
 */
final class DomainClassImportingAPort {
    GroundControl groundControl;
}
