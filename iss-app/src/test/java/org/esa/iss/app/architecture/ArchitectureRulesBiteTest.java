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
    void aPortsClassUsingKafkaBreaksThePortsRule() throws Exception {
        assertThatThrownBy(() -> ArchitectureRules.ports_depend_only_on_domain_and_java.check(classes("org.esa.iss.ports.PortClassUsingKafka")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("PortClassUsingKafka")
                .hasMessageContaining("org.apache.kafka.common.TopicPartition");
    }

    @Test
    void aDomainClassUsingTheFileSystemBreaksTheNoNetworkFileOrDatabaseRule() throws Exception {
        assertThatThrownBy(() -> ArchitectureRules.domain_and_ports_reach_no_network_file_or_database.check(classes("org.esa.iss.domain.DomainClassReadingFiles")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("DomainClassReadingFiles")
                .hasMessageContaining("java.nio.file.Path");
    }

    @Test
    void anAdapterUsingAnotherBreaksTheAdapterRule() throws Exception {
        assertThatThrownBy(() -> ArchitectureRules.adapters_do_not_depend_on_each_other.check(
                classes("org.esa.iss.adapter.http.HttpClassUsingDelta", "org.esa.iss.adapter.delta.DeltaTableOptions")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("HttpClassUsingDelta")
                .hasMessageContaining("DeltaTableOptions");
    }

    @Test
    void anAdapterUsingTheAppBreaksTheAppRule() throws Exception {
        assertThatThrownBy(() -> ArchitectureRules.nothing_but_the_app_depends_on_the_app.check(classes("org.esa.iss.adapter.kafka.KafkaClassUsingTheApp")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("KafkaClassUsingTheApp")
                .hasMessageContaining("org.esa.iss.app.IssCommand");
    }

    @Test
    void twoPackagesUsingEachOtherBreakTheCycleRule() throws Exception {
        assertThatThrownBy(() -> ArchitectureRules.packages_are_free_of_cycles.check(
                classes("org.esa.iss.adapter.http.cycle.a.CycleA", "org.esa.iss.adapter.http.cycle.b.CycleB")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CycleA")
                .hasMessageContaining("CycleB");
    }

    @Test
    void aServiceWithoutAUseCaseBreaksTheServiceRule() throws Exception {
        assertThatThrownBy(() -> ArchitectureRules.services_implement_a_use_case.check(classes("org.esa.iss.ports.LonelyService")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LonelyService does not implement a use case");
    }

    private static JavaClasses classes(String... names) throws ClassNotFoundException {
        Class<?>[] loaded = new Class<?>[names.length];
        for (int i = 0; i < names.length; i++) {
            loaded[i] = Class.forName(names[i]);
        }
        return new ClassFileImporter().importClasses(loaded);
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
