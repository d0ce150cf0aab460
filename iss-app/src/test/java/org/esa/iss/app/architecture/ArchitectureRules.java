package org.esa.iss.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hexagon's rules, written as sentences. Maven's module graph enforces the same boundaries between
 * jars; these rules also hold inside a jar and name the offending class.
 */
final class ArchitectureRules {
    static final String DOMAIN = "org.esa.iss.domain..";
    static final String PORTS = "org.esa.iss.ports..";
    static final String DRIVEN_PORTS = "org.esa.iss.ports.out";
    static final String ADAPTERS = "org.esa.iss.adapter..";
    static final String APP = "org.esa.iss.app..";

    private ArchitectureRules() {
    }

    static final ArchRule domain_depends_only_on_itself_and_java = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..")
            .because("other space-operations tools embed iss-domain alone");

    static final ArchRule ports_depend_only_on_domain_and_java = classes()
            .that().resideInAPackage(PORTS)
            .should().onlyDependOnClassesThat().resideInAnyPackage(PORTS, DOMAIN, "java..")
            .because("use cases and services speak the domain's language, not a technology's");

    static final ArchRule domain_and_ports_reach_no_network_file_or_database = noClasses()
            .that().resideInAnyPackage(DOMAIN, PORTS)
            .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.file..", "java.sql..", "javax..")
            .because("networks, files and databases are reached through a port, by an adapter");

    static final ArchRule adapters_do_not_depend_on_each_other = slices()
            .matching("org.esa.iss.adapter.(*)..")
            .should().notDependOnEachOther()
            .because("each adapter plugs into the ports alone and can be replaced on its own");

    static final ArchRule nothing_but_the_app_depends_on_the_app = noClasses()
            .that().resideOutsideOfPackage(APP)
            .should().dependOnClassesThat().resideInAPackage(APP)
            .because("the app only wires; the library must work without it");

    static final ArchRule packages_are_free_of_cycles = slices()
            .matching("org.esa.iss.(**)")
            .should().beFreeOfCycles();

    static final ArchRule driven_port_implementations_are_named_after_their_port = classes()
            .that(implementADrivenPort())
            .and().areNotAnonymousClasses()
            .should(beNamedAfterAnImplementedPort())
            .because("a port and its adapter pair mechanically: DeltaBronzeTable, KafkaTelemetryPublisher");

    static final ArchRule services_implement_a_use_case = classes()
            .that().resideInAPackage("org.esa.iss.ports").and().haveSimpleNameEndingWith("Service")
            .should(implementAUseCase())
            .because("a use case and its service pair mechanically: RefineAltitudes / RefineService");

    private static DescribedPredicate<JavaClass> implementADrivenPort() {
        return new DescribedPredicate<>("implement a driven port") {
            @Override
            public boolean test(JavaClass javaClass) {
                return !javaClass.isInterface() && !drivenPortsOf(javaClass).isEmpty();
            }
        };
    }

    private static Set<String> drivenPortsOf(JavaClass javaClass) {
        return javaClass.getAllRawInterfaces().stream()
                .filter(i -> i.getPackageName().equals(DRIVEN_PORTS))
                .map(JavaClass::getSimpleName)
                .collect(Collectors.toSet());
    }

    private static ArchCondition<JavaClass> beNamedAfterAnImplementedPort() {
        return new ArchCondition<>("be named <Technology><Port> after a port they implement") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                Set<String> ports = drivenPortsOf(javaClass);
                boolean named = ports.stream().anyMatch(javaClass.getSimpleName()::endsWith);
                events.add(new SimpleConditionEvent(javaClass, named, javaClass.getName()
                        + (named ? " is" : " is not") + " named after one of " + ports));
            }
        };
    }

    private static ArchCondition<JavaClass> implementAUseCase() {
        return new ArchCondition<>("implement a use case of org.esa.iss.ports.in") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                boolean implementsUseCase = javaClass.getAllRawInterfaces().stream()
                        .anyMatch(i -> i.getPackageName().equals("org.esa.iss.ports.in"));
                events.add(new SimpleConditionEvent(javaClass, implementsUseCase,
                        javaClass.getName() + (implementsUseCase ? " implements" : " does not implement") + " a use case"));
            }
        };
    }
}
