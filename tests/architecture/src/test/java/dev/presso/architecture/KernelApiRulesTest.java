package dev.presso.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/** The contracts stay small, dependency-free and versioned (style.md §8.8 rules 1, 4, 6, 8). */
class KernelApiRulesTest {
    private final JavaClasses classes = PressoClasses.main();

    @Test
    void kernelApiIsImported() {
        assertTrue(classes.contain("dev.presso.kernel.tensor.TensorBackend"),
                "the kernel-api classes must be on the class path of this test");
    }

    @Test
    void kernelApiDependsOnlyOnTheJdkAndAnnotations() {
        classes().that().resideInAPackage("dev.presso.kernel..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.presso.kernel..", "org.osgi.annotation..",
                        "org.jspecify..")
                .check(classes);
    }

    @Test
    void kernelApiUsesNoThirdPartyFrameworks() {
        noClasses().that().resideInAPackage("dev.presso.kernel..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("io.vavr..", "com.fasterxml.jackson..", "com.google.inject..",
                        "org.apache.felix..", "org.osgi.framework..")
                .check(classes);
    }

    @Test
    void everyPublicKernelInterfaceSaysWhoImplementsIt() {
        classes().that().resideInAPackage("dev.presso.kernel..").and().areInterfaces()
                .and().arePublic()
                .should().beAnnotatedWith(ConsumerType.class)
                .orShould().beAnnotatedWith(ProviderType.class)
                .check(classes);
    }

    @Test
    void kernelRecordsHaveNoArrayComponents() {
        classes().that().resideInAPackage("dev.presso.kernel..").and().areRecords()
                .should(new ArchCondition<JavaClass>("have no array components") {
                    @Override
                    public void check(JavaClass record, ConditionEvents events) {
                        Class<?> type = record.reflect();
                        Arrays.stream(type.getRecordComponents())
                                .filter(c -> c.getType().isArray())
                                .forEach(c -> events.add(SimpleConditionEvent.violated(record,
                                        record.getName() + "." + c.getName() + " is an array")));
                    }
                })
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void kernelApiHasNoPublicMutableStatics() {
        classes().that().resideInAPackage("dev.presso.kernel..")
                .should(new ArchCondition<JavaClass>("declare no public static non-final fields") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        type.getFields().stream()
                                .filter(f -> f.getModifiers().containsAll(java.util.Set.of(
                                        JavaModifier.PUBLIC, JavaModifier.STATIC)))
                                .filter(f -> !f.getModifiers().contains(JavaModifier.FINAL))
                                .forEach(f -> events.add(SimpleConditionEvent.violated(type,
                                        f.getFullName() + " is public, static and mutable")));
                    }
                })
                .check(classes);
    }
}
