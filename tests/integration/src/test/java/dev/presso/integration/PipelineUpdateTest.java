package dev.presso.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.presso.host.Host;
import dev.presso.host.internal.report.ReportWriter;
import dev.presso.host.internal.report.model.LayerRow;
import dev.presso.plugins.baselines.RtnMethodProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the {@link Host} API: a running OSGi host runs a pipeline with a plugin, updates the
 * plugin in place, and the same pipeline, run again in the same host, uses the new version: no
 * restart.
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
                  baselines: ^0.2
                  test-level: '>=1.0'
                data:
                  calibration: {path: %s/samples-256x64.json, sequence-length: 64, max-sequences: 4}
                stages:
                  - search: {strategy: fixed-level, method: rtn, budget: {bits-per-parameter: 9}}
                """.formatted(MODEL, MODEL));
        try (Host host = Host.osgi(temp.resolve("state"))) {
            host.install(Fixtures.jarOf(RtnMethodProvider.class));
            assertEquals("1.0.0", host.install(Fixtures.bundle("level-1")).version());
            List<String> first = levels(host.run(pipeline, temp.resolve("run-1"), false));
            assertEquals("2.0.0", host.update("test-level", Fixtures.bundle("level-2")).version());
            List<String> second = levels(host.run(pipeline, temp.resolve("run-2"), false));

            assertEquals(35, first.size());
            assertTrue(first.stream().allMatch("8bit"::equals), first.toString());
            assertTrue(second.stream().allMatch("7bit"::equals), second.toString());
            assertTrue(Files.readString(temp.resolve("run-1/plugins.lock.json")).contains("\"1.0.0\""));
            assertTrue(Files.readString(temp.resolve("run-2/plugins.lock.json")).contains("\"2.0.0\""));
        }
    }

    /** Returns the level of every searched site, from the run's report. */
    private static List<String> levels(Host.RunSummary run) {
        assertTrue(run.succeeded(), run.problems().toString());
        return ReportWriter.read(run.folder()).baseline().layers().stream().map(LayerRow::level).toList();
    }
}
