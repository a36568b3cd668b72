package dev.presso.host.internal.pipeline.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.host.internal.pipeline.fixtures.Golden;
import dev.presso.host.internal.pipeline.fixtures.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The pipelines under {@code pipelines/good/} validate without a single problem, warnings included. */
class GoodPipelinesTest {
    static List<Path> pipelines() throws IOException {
        try (Stream<Path> files = Files.list(TestEnvironment.resources().resolve("good"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelines")
    void validatesClean(Path file) {
        ValidationReport report = PipelineValidator.check(file, TestEnvironment.environment());
        assertEquals("\n", Golden.format(report.diagnostics()), file.getFileName().toString());
        assertTrue(report.isValid());
        assertTrue(report.plan().isPresent(), "a valid pipeline on a listable model has a plan");
    }
}
