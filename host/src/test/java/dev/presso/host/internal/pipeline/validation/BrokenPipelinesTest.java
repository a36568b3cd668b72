package dev.presso.host.internal.pipeline.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.host.internal.pipeline.fixtures.Golden;
import dev.presso.host.internal.pipeline.fixtures.TestEnvironment;
import dev.presso.host.internal.pipeline.spec.Diagnostic;
import dev.presso.host.internal.pipeline.spec.ProblemCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of deliberately broken pipelines under {@code pipelines/broken/}: each
 * {@code NN-name.yaml} must produce exactly the problems of its golden {@code NN-name.expected}
 * (code, line and column, message and hint). Run with {@code -Dpresso.golden.update=true} to
 * rewrite the golden files from the current output, then review the diff.
 */
class BrokenPipelinesTest {
    private static final Path SOURCE = Path.of("src/test/resources/pipelines/broken");

    static List<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(TestEnvironment.resources().resolve("broken"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static List<Diagnostic> problems(Path file) {
        return PipelineValidator.check(file, TestEnvironment.environment()).diagnostics();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void reportsExactlyTheExpectedProblems(Path file) throws IOException {
        List<Diagnostic> problems = problems(file);
        String actual = Golden.format(problems);
        String goldenName = file.getFileName().toString().replaceFirst("\\.yaml$", ".expected");
        assertFalse(problems.isEmpty(), file.getFileName() + " is in the broken corpus but has no problem");
        if (Golden.updating()) {
            Files.writeString(SOURCE.resolve(goldenName), actual, StandardCharsets.UTF_8);
            return;
        }
        Path golden = file.resolveSibling(goldenName);
        assertTrue(Files.isRegularFile(golden), "no golden file " + goldenName + "; run with -D" + Golden.UPDATE
                + "=true to create it");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, file.getFileName().toString());
    }

    @Test
    void theCorpusIsLargeAndExercisesEveryCode() throws IOException {
        List<Path> corpus = corpus();
        assertTrue(corpus.size() >= 25, "at least 25 broken pipelines, found " + corpus.size());
        Set<ProblemCode> seen = corpus.stream().flatMap(f -> problems(f).stream()).map(Diagnostic::code)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ProblemCode.class)));
        Set<ProblemCode> missing = EnumSet.complementOf(EnumSet.copyOf(seen));
        assertEquals(Set.of(), missing, "codes no broken pipeline produces");
    }

    @Test
    void everyBrokenPipelineHasAnError() throws IOException {
        for (Path file : corpus()) {
            assertTrue(problems(file).stream().anyMatch(d -> !d.isWarning())
                    || file.getFileName().toString().contains("warning"), file.getFileName()
                    + " has only warnings; name it *-warning*.yaml if that is the point");
        }
    }
}
