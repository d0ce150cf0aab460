package org.esa.iss.app.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.esa.iss.ports.out.SlotClock;
import org.junit.jupiter.api.Test;

/** The rules are not vacuous: each one fails on a class built to break it. */
class ArchitectureRulesBiteTest {

    @Test
    void aDomainClassImportingAPortBreaksTheDomainRule() throws Exception {
        JavaClasses violating = new ClassFileImporter().importClasses(Class.forName("org.esa.iss.domain.DomainClassImportingAPort"));
        assertThatThrownBy(() -> ArchitectureRules.domain_depends_only_on_itself_and_java.check(violating))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("DomainClassImportingAPort")
                .hasMessageContaining("org.esa.iss.ports.out.GroundControl");
    }

    @Test
    void aPortImplementationNamedAfterNothingBreaksTheNamingRule() {
        JavaClasses violating = new ClassFileImporter().importClasses(BadlyNamedClock.class);
        assertThatThrownBy(() -> ArchitectureRules.driven_port_implementations_are_named_after_their_port.check(violating))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("BadlyNamedClock");
    }

    /** Implements SlotClock but is not called "...SlotClock". */
    static final class BadlyNamedClock implements SlotClock {
        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public void sleepUntil(long targetNanos) {
        }
    }
}
