package dev.presso.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.presso.host.internal.calibration.ProgressOpener;
import dev.presso.host.internal.catalog.osgi.OsgiPluginManager;
import dev.presso.host.internal.pipeline.validation.PipelineEnvironment;
import dev.presso.host.internal.pipeline.validation.PipelineValidator;
import dev.presso.host.internal.pipeline.validation.ValidationReport;
import dev.presso.host.internal.run.BranchResult;
import dev.presso.host.internal.run.PipelineEngine;
import dev.presso.host.internal.run.RunCancellation;
import dev.presso.host.internal.run.RunOutcome;
import dev.presso.plugins.baselines.RtnMethodProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running OSGi host runs a pipeline with a plugin, updates the plugin in place, and the same
 * pipeline, run again in the same host, uses the new version: no restart.
 */
class PipelineUpdateTest {
    private static final Path MODEL = Path.of(System.getProperty("presso.shared.data", "../../../shared/data"))
            .resolve("stories260k").toAbsolutePath();

    @TempDir Path temp;

    @Test
    void aPipelinePicksUpAnUpdatedPluginWithoutARestart() throws IOException {
        assumeTrue(Files.isDirectory(MODEL), "needs " + MODEL);
        Path pipeline = Files.writeString(temp.resolve("search.yaml"), """
                presso: 1
                name: update-test
                seed: 3
                model: %s
                plugins:
                  baselines: ^0.1
                  test-level: '>=1.0'
                data:
                  calibration: {path: %s/samples-256x64.json, sequence-length: 64, max-sequences: 4}
                stages:
                  - search: {strategy: fixed-level, method: rtn, budget: {bits-per-parameter: 9}}
                """.formatted(MODEL, MODEL));
        try (OsgiPluginManager host = OsgiPluginManager.start(temp.resolve("state"))) {
            host.install(Fixtures.jarOf(RtnMethodProvider.class));
            host.install(Fixtures.bundle("level-1"));
            BranchResult first = run(host, pipeline, temp.resolve("run-1"));
            host.update("test-level", Fixtures.bundle("level-2"));
            BranchResult second = run(host, pipeline, temp.resolve("run-2"));

            assertEquals(35, first.layers().size());
            assertTrue(first.layers().stream().allMatch(layer -> layer.level().equals("8bit")), first.toString());
            assertTrue(second.layers().stream().allMatch(layer -> layer.level().equals("7bit")), second.toString());
            assertTrue(Files.readString(temp.resolve("run-1/plugins.lock.json")).contains("\"1.0.0\""));
            assertTrue(Files.readString(temp.resolve("run-2/plugins.lock.json")).contains("\"2.0.0\""));
        }
    }

    private static BranchResult run(OsgiPluginManager host, Path pipeline, Path out) throws IOException {
        ValidationReport report = PipelineValidator.check(pipeline, PipelineEnvironment.of(host.catalog(), List::of));
        assertTrue(report.isValid(), report.errors().toString());
        RunOutcome outcome = new PipelineEngine(host.catalog()).run(report.spec().orElseThrow(),
                Files.readAllBytes(pipeline), MODEL, new PipelineEngine.Options(out, false, Optional.empty(),
                        ProgressOpener.NONE, "test"), new RunCancellation());
        assertTrue(outcome.succeeded(), outcome.problems().toString());
        return outcome.results().getFirst();
    }
}
