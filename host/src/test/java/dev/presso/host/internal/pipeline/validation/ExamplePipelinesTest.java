package dev.presso.host.internal.pipeline.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.presso.host.internal.pipeline.fixtures.Golden;
import dev.presso.host.internal.pipeline.fixtures.TestEnvironment;
import dev.presso.host.internal.pipeline.plan.Plan;
import dev.presso.host.internal.pipeline.plan.SitePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pipelines in {@code examples/pipelines/} validate clean against plugins with the real
 * baselines' and evaluators' ids, settings and levels, on the real stories260K configuration.
 */
class ExamplePipelinesTest {
    private static final Path EXAMPLES = Path.of("../examples/pipelines");

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static ValidationReport check(Path file) {
        assumeTrue(Files.isDirectory(EXAMPLES.resolve("../../../shared/data/stories260k")),
                "the examples read ../shared/data, which is not next to this checkout");
        return PipelineValidator.check(file, TestEnvironment.environment());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void validatesClean(Path file) {
        ValidationReport report = check(file);
        assertEquals("\n", Golden.format(report.diagnostics()), file.getFileName().toString());
        assertTrue(report.plan().isPresent());
    }

    @Test
    void theExamplesCoverTheBaselinesTheDefaultModelTargetingAndEvoPress() throws IOException {
        assertEquals(List.of("quick-start.yaml", "stories260k-baselines.yaml", "stories260k-evopress-bits.yaml",
                "stories260k-evopress-depth.yaml", "stories260k-evopress-sparsity.yaml", "stories260k-evopress.yaml",
                "stories260k-targeting.yaml"),
                examples().stream().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void theTargetingExampleResolvesAsItsCommentsSay() {
        Plan plan = check(EXAMPLES.resolve("stories260k-targeting.yaml")).plan().orElseThrow();
        Map<String, String> quantize = plan.find(Optional.of("mixed-rtn"), "quantize").orElseThrow().sites()
                .stream().collect(Collectors.toMap(SitePlan::site,
                        s -> s.level().map(l -> l.text()).orElse("-") + " " + s.rule().kind()));
        assertEquals("- EXCLUDED", quantize.get("model.layers.0.mlp.up_proj"));
        assertEquals("3bit DEFAULT", quantize.get("model.layers.1.self_attn.q_proj"));
        assertEquals("4bit OVERRIDE", quantize.get("model.layers.3.mlp.down_proj"));
        assertEquals("8bit OVERRIDE", quantize.get("model.layers.4.mlp.down_proj"));
        assertEquals("- SKIPPED", quantize.get("model.layers.2.self_attn.v_proj"));
        assertEquals("- NOT_TARGETED", quantize.get("lm_head"));
        assertEquals(5 * 7 + 1, quantize.size());
    }
}
