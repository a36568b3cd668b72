package dev.presso.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Imports Presso's main classes (every module on this module's test class path) once. */
final class PressoClasses {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/dev/presso/architecture/"))
            .importPackages("dev.presso");

    private PressoClasses() {}

    static JavaClasses main() {
        return MAIN;
    }
}
