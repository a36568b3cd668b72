package dev.presso.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** Modules depend in one direction and library code behaves (style.md §8.8 rules 2, 3, 5, 7). */
class LayeringRulesTest {
    private final JavaClasses classes = PressoClasses.main();

    @Test
    void pluginsNeverTouchTheHost() {
        noClasses().that().resideInAPackage("dev.presso.plugins..")
                .should().dependOnClassesThat().resideInAPackage("dev.presso.host..")
                .check(classes);
    }

    @Test
    void theHostNeverTouchesPlugins() {
        noClasses().that().resideInAPackage("dev.presso.host..")
                .should().dependOnClassesThat().resideInAPackage("dev.presso.plugins..")
                .check(classes);
    }

    @Test
    void nobodyOutsideAModuleUsesItsInternals() {
        noClasses().that().resideOutsideOfPackage("dev.presso.host..")
                .should().dependOnClassesThat().resideInAPackage("dev.presso.host..internal..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("dev.presso.plugins..")
                .should().dependOnClassesThat().resideInAPackage("dev.presso.plugins..internal..")
                .check(classes);
    }

    @Test
    void guiceAndFelixStayInTheHost() {
        noClasses().that().resideOutsideOfPackage("dev.presso.host..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("com.google.inject..", "org.apache.felix..", "org.osgi.framework..")
                .check(classes);
    }

    @Test
    void noPackageCyclesWithinModules() {
        slices().matching("dev.presso.kernel.(*)..").should().beFreeOfCycles().check(classes);
        slices().matching("dev.presso.host.(**)").should().beFreeOfCycles()
                .allowEmptyShould(true).check(classes);
        slices().matching("dev.presso.plugins.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void libraryCodeDoesNotPrintOrUseJavaLogging() {
        noClasses().that().resideInAnyPackage("dev.presso.kernel..", "dev.presso.plugins..",
                        "dev.presso.host..", "dev.presso.fixtures..")
                .and().resideOutsideOfPackage("dev.presso.host.internal.cli..")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .orShould(GeneralCodingRules.USE_JAVA_UTIL_LOGGING)
                .check(classes);
    }

    @Test
    void libraryCodeThrowsSpecificExceptions() {
        noClasses().that().resideInAnyPackage("dev.presso.kernel..", "dev.presso.plugins..",
                        "dev.presso.host..")
                .should(GeneralCodingRules.THROW_GENERIC_EXCEPTIONS)
                .check(classes);
    }
}
