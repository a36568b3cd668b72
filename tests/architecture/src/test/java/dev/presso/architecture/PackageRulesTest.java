package dev.presso.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import org.osgi.annotation.versioning.Version;

/** Every package declares its null contract, and API packages their version (style.md §8.8 rule 6). */
class PackageRulesTest {
    private final JavaClasses classes = PressoClasses.main();

    @Test
    void everyMainPackageIsNullMarked() {
        List<String> unmarked = packagesOf(classes).stream()
                .filter(p -> !annotated(p, NullMarked.class))
                .toList();
        assertEquals(List.of(), unmarked, "packages without package-info.java @NullMarked");
    }

    @Test
    void everyKernelApiPackageHasAVersion() {
        List<String> unversioned = packagesOf(classes).stream()
                .filter(p -> p.startsWith("dev.presso.kernel"))
                .filter(p -> !annotated(p, Version.class))
                .toList();
        assertFalse(packagesOf(classes).stream().noneMatch(p -> p.startsWith("dev.presso.kernel")),
                "kernel-api packages must be imported");
        assertEquals(List.of(), unversioned, "kernel-api packages without @Version");
    }

    private static Set<String> packagesOf(JavaClasses classes) {
        return classes.stream().map(JavaClass::getPackageName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private boolean annotated(String packageName, Class<? extends java.lang.annotation.Annotation> a) {
        JavaPackage p = classes.getPackage(packageName);
        return p.tryGetPackageInfo().isPresent() && p.isAnnotatedWith(a);
    }
}
