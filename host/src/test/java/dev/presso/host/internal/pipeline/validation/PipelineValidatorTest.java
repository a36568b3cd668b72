package dev.presso.host.internal.pipeline.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.host.internal.pipeline.fixtures.FakeCatalog;
import dev.presso.host.internal.pipeline.fixtures.TestEnvironment;
import dev.presso.host.internal.pipeline.reader.PipelineReader;
import dev.presso.host.internal.pipeline.spec.PipelineSpec;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.pipeline.Problem;
import dev.presso.kernel.plugin.PluginOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validator's report: what it withholds on errors, what warnings allow, and plugins that fail. */
class PipelineValidatorTest {
    private static final Path BROKEN = TestEnvironment.resources().resolve("broken");
    private static final Path GOOD = TestEnvironment.resources().resolve("good");

    @Test
    void warningsLeaveThePipelineRunnable() {
        ValidationReport report = PipelineValidator.check(BROKEN.resolve("34-calibration-missing-warning.yaml"),
                TestEnvironment.environment());
        assertTrue(report.isValid());
        assertTrue(report.plan().isPresent());
        assertEquals(List.of(), report.errors());
        assertEquals(List.of("PIPE034"), report.warnings().stream().map(Problem::code).toList());
    }

    @Test
    void errorsWithholdTheSpecAndThePlan() {
        ValidationReport report = PipelineValidator.check(BROKEN.resolve("38-many-problems.yaml"),
                TestEnvironment.environment());
        assertFalse(report.isValid());
        assertTrue(report.spec().isEmpty());
        assertTrue(report.plan().isEmpty());
        assertEquals(7, report.errors().size());
        assertTrue(report.errors().getFirst().source().endsWith("38-many-problems.yaml:6:3"),
                report.errors().getFirst().source());
    }

    @Test
    void validatingAReadSpecGivesTheSameReportAsCheckingTheFile() {
        Path file = GOOD.resolve("full.yaml");
        PipelineSpec spec = PipelineReader.read(file).get();
        ValidationReport fromSpec = PipelineValidator.validate(spec, TestEnvironment.environment());
        ValidationReport fromFile = PipelineValidator.check(file, TestEnvironment.environment());
        assertEquals(fromFile, fromSpec);
        assertEquals(spec, fromSpec.spec().orElseThrow());
    }

    @Test
    void asksForTheDefaultModelsSitesOnlyWhenThePipelineNamesIt() {
        AtomicInteger asked = new AtomicInteger();
        PipelineEnvironment environment = PipelineEnvironment.of(TestEnvironment.catalog(), () -> {
            asked.incrementAndGet();
            return TestEnvironment.tinySites();
        });
        assertTrue(PipelineValidator.check(GOOD.resolve("full.yaml"), environment).isValid());
        assertEquals(0, asked.get());
        assertTrue(PipelineValidator.check(GOOD.resolve("default-model.yaml"), environment).isValid());
        assertEquals(1, asked.get());
    }

    @Test
    void aPluginThatFailsBecomesAProblem(@TempDir Path dir) throws IOException {
        CompressionMethodProvider failing = new CompressionMethodProvider() {
            @Override
            public String id() {
                return "fragile";
            }

            @Override
            public String description() {
                return "fails when asked for its options";
            }

            @Override
            public List<PluginOption> options() {
                throw new UnsupportedOperationException("options are not ready");
            }

            @Override
            public CompressionMethod create(Map<String, String> settings) {
                throw new AssertionError("never reached");
            }
        };
        PipelineEnvironment environment = PipelineEnvironment.of(new FakeCatalog().plugin("fragile", "1.0.0",
                failing), TestEnvironment::tinySites);
        Path file = Files.writeString(dir.resolve("p.yaml"), """
                presso: 1
                model: default
                stages:
                  - compress: {method: fragile, level: 1}
                """);
        ValidationReport report = PipelineValidator.check(file, environment);
        assertEquals(List.of("PIPE028"), report.errors().stream().map(Problem::code).toList());
        assertTrue(report.errors().getFirst().message().contains("options are not ready"));
        assertTrue(report.errors().getFirst().source().endsWith("p.yaml:4:24"), report.errors().getFirst().source());
    }
}
