package dev.presso.host.internal.pipeline.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The problem codes are unique, well formed, and documented in the pipelines README. */
class ProblemCodeTest {
    private static final Path README = Path.of("../examples/pipelines/README.md");

    @Test
    void codesAreUniqueAndWellFormed() {
        Set<String> codes = Arrays.stream(ProblemCode.values()).map(ProblemCode::code).collect(Collectors.toSet());
        assertEquals(ProblemCode.values().length, codes.size());
        assertTrue(codes.stream().allMatch(c -> c.matches("PIPE\\d{3}")), codes.toString());
    }

    @Test
    void everyCodeHasARowInTheReadme() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        for (ProblemCode code : ProblemCode.values()) {
            String row = "| `" + code.code() + "` | " + code.severity().name().toLowerCase(Locale.ROOT) + " | "
                    + code.summary() + " |";
            assertTrue(readme.contains(row), "README lacks the row " + row);
        }
    }
}
