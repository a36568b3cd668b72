package dev.presso.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.presso.kernel.tensor.TensorProvider;
import org.junit.jupiter.api.Test;

/** Names say what a type is (style.md §8.3). */
class NamingRulesTest {
    private final JavaClasses classes = PressoClasses.main();

    @Test
    void exceptionsAreNamedException() {
        classes().that().areAssignableTo(RuntimeException.class)
                .should().haveSimpleNameEndingWith("Exception")
                .check(classes);
    }

    @Test
    void tensorProvidersAreNamedProvider() {
        classes().that().implement(TensorProvider.class).and().areNotInterfaces()
                .should().haveSimpleNameEndingWith("Provider")
                .check(classes);
    }

    @Test
    void internalCodeIsNotInTheKernel() {
        classes().that().resideInAPackage("..internal..")
                .should().resideOutsideOfPackage("dev.presso.kernel..")
                .check(classes);
    }
}
