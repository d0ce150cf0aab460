package org.esa.iss.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The production code of every module obeys the architecture rules. */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.esa.iss");
    }

    @Test
    void domainDependsOnlyOnItselfAndJava() {
        ArchitectureRules.domain_depends_only_on_itself_and_java.check(production);
    }

    @Test
    void portsDependOnlyOnDomainAndJava() {
        ArchitectureRules.ports_depend_only_on_domain_and_java.check(production);
    }

    @Test
    void domainAndPortsReachNoNetworkFileOrDatabase() {
        ArchitectureRules.domain_and_ports_reach_no_network_file_or_database.check(production);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        ArchitectureRules.adapters_do_not_depend_on_each_other.check(production);
    }

    @Test
    void nothingButTheAppDependsOnTheApp() {
        ArchitectureRules.nothing_but_the_app_depends_on_the_app.check(production);
    }

    @Test
    void packagesAreFreeOfCycles() {
        ArchitectureRules.packages_are_free_of_cycles.check(production);
    }

    @Test
    void drivenPortImplementationsAreNamedAfterTheirPort() {
        ArchitectureRules.driven_port_implementations_are_named_after_their_port.check(production);
    }

    @Test
    void servicesImplementAUseCase() {
        ArchitectureRules.services_implement_a_use_case.check(production);
    }
}
