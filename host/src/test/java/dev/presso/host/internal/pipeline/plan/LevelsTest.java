package dev.presso.host.internal.pipeline.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.presso.host.internal.pipeline.spec.LevelRef;
import dev.presso.host.internal.pipeline.spec.Location;
import dev.presso.kernel.method.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Levels found by name, number or percentage. */
class LevelsTest {
    private static final List<Level> LEVELS = List.of(new Level("8bit", 8), new Level("4bit", 4),
            new Level("sparsity-0.50", 0.5), new Level("params-0.30", 0.3));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"4bit, 4bit", "4, 4bit", "4.0, 4bit", "8, 8bit", "0.5, sparsity-0.50", "50%, sparsity-0.50",
        ".5, sparsity-0.50", "0.3, params-0.30", "30%, params-0.30", "5, ''", "4 bits, ''", "4d, ''", "NaN, ''",
        "'', ''"})
    void findsByNameValueOrPercentage(String written, String expected) {
        Optional<Level> found = Levels.find(new LevelRef(written, Location.startOf(Path.of("p.yaml"))), LEVELS);
        assertEquals(expected, found.map(Level::name).orElse(""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"8bit (8), 4bit (4), sparsity-0.50 (0.5), params-0.30 (0.3)"})
    void describesLevelsWithTheirValues(String expected) {
        assertEquals(expected, Levels.describe(LEVELS));
    }
}
