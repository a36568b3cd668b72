package dev.presso.host.internal.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.presso.host.internal.calibration.ProgressOpener;
import dev.presso.host.internal.pipeline.spec.DataSource;
import dev.presso.host.internal.pipeline.spec.DataSpec;
import dev.presso.host.internal.pipeline.spec.LevelRef;
import dev.presso.host.internal.pipeline.spec.Location;
import dev.presso.host.internal.pipeline.spec.MetricSpec;
import dev.presso.host.internal.pipeline.spec.ModelRef;
import dev.presso.host.internal.pipeline.spec.PipelineSpec;
import dev.presso.host.internal.pipeline.spec.Settings;
import dev.presso.host.internal.pipeline.spec.Stage;
import dev.presso.host.internal.pipeline.spec.Targets;
import dev.presso.host.internal.pipeline.spec.Variant;
import dev.presso.kernel.pipeline.ProgressSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on the real stories260K model with a test method: results, failures, time limits, resume. */
class PipelineEngineTest {
    private static final Path DATA = Path.of(System.getProperty("presso.shared.data", "../../shared/data"));
    private static final Path MODEL = DATA.resolve("stories260k");
    private static final Location AT = new Location(Path.of("test.yaml"), 1, 1);

    @TempDir Path temp;

    @Test
    void runsSharedStagesAndVariantsAndExportsBothFormats() throws IOException {
        RunOutcome outcome = run(spec(Settings.none()), temp.resolve("run"), false, Optional.empty(),
                new RunCancellation());
        assertTrue(outcome.succeeded(), outcome.problems().toString());
        BranchResult dense = outcome.results().get(0);
        BranchResult coarse = outcome.results().get(2);
        assertEquals(0, dense.compressedBits());
        assertEquals(4.0, coarse.bitsPerParameter(), 1e-12);
        assertTrue(coarse.metrics().get("nll") > dense.metrics().get("nll"), outcome.results().toString());
        Path export = temp.resolve("run/export/fine");
        assertTrue(Files.exists(export.resolve("presso/" + CompressedModel.MANIFEST)));
        assertTrue(Files.exists(export.resolve("huggingface/model.safetensors")));
        assertTrue(Files.exists(temp.resolve("run/plugins.lock.json")));
    }

    @Test
    void aResumedRunReachesTheBytesOfAnUninterruptedOne() throws IOException {
        run(spec(Settings.none()), temp.resolve("whole"), false, Optional.empty(), new RunCancellation());
        RunCancellation cancellation = new RunCancellation();
        int before = RoundingMethodProvider.COMPRESSED.get();
        ProgressOpener cancelling = cancelAfter(cancellation, 10);
        RunOutcome interrupted = new PipelineEngine(new TestCatalog()).run(spec(Settings.none()),
                bytes(), MODEL, new PipelineEngine.Options(temp.resolve("resumed"), false, Optional.empty(),
                        cancelling, "test"), cancellation);
        assertEquals("RUN003", interrupted.problems().getFirst().code(), interrupted.problems().toString());
        int compressedFirst = RoundingMethodProvider.COMPRESSED.get() - before;
        RunOutcome resumed = run(spec(Settings.none()), temp.resolve("resumed"), true, Optional.empty(),
                new RunCancellation());
        assertTrue(resumed.succeeded(), resumed.problems().toString());
        assertTrue(compressedFirst > 0 && compressedFirst < 60, "sites compressed before the cancel: " + compressedFirst);
        for (String file : List.of("report.json", "export/fine/presso/compressed.safetensors",
                "export/fine/presso/presso-manifest.json", "export/fine/huggingface/model.safetensors")) {
            assertArrayEquals(Files.readAllBytes(temp.resolve("whole").resolve(file)),
                    Files.readAllBytes(temp.resolve("resumed").resolve(file)), file);
        }
    }

    @Test
    void aThrowingPluginFailsItsVariantAndTheNextVariantStillRuns() {
        Settings failing = new Settings(Map.of("fail-on", "model.layers.2.mlp.up_proj"), Map.of(), Optional.empty());
        RunOutcome outcome = run(spec(failing), temp.resolve("run"), false, Optional.empty(), new RunCancellation());
        assertEquals(1, outcome.problems().size(), outcome.problems().toString());
        assertEquals("RUN001", outcome.problems().getFirst().code());
        assertTrue(outcome.problems().getFirst().message().contains("model.layers.2.mlp.up_proj")
                && outcome.problems().getFirst().message().contains("plugin test 1.0.0"), outcome.problems().toString());
        assertTrue(outcome.results().get(1).failed());
        assertFalse(outcome.results().get(2).failed());
        assertTrue(outcome.results().get(2).metrics().containsKey("nll"));
        assertTrue(outcome.problems().getFirst().message().startsWith("variant 'fine', stage 'compress'"));
    }

    @Test
    void aStageOverItsTimeLimitIsCancelledAndReported() {
        Settings hanging = new Settings(Map.of("hang-on", "model.layers.0.self_attn.q_proj"), Map.of(),
                Optional.empty());
        RunOutcome outcome = run(spec(hanging), temp.resolve("run"), false, Optional.of(Duration.ofSeconds(2)),
                new RunCancellation());
        assertEquals("RUN002", outcome.problems().getFirst().code(), outcome.problems().toString());
        assertFalse(outcome.succeeded());
    }

    @Test
    void startingOverAnExistingRunIsRefused() {
        run(spec(Settings.none()), temp.resolve("run"), false, Optional.empty(), new RunCancellation());
        var error = org.junit.jupiter.api.Assertions.assertThrows(dev.presso.kernel.PressoException.class,
                () -> run(spec(Settings.none()), temp.resolve("run"), false, Optional.empty(), new RunCancellation()));
        assertTrue(error.getMessage().contains("--resume"), error.getMessage());
    }

    private RunOutcome run(PipelineSpec spec, Path out, boolean resume, Optional<Duration> limit,
            RunCancellation cancellation) {
        assumeTrue(Files.isDirectory(MODEL), "needs " + MODEL);
        return new PipelineEngine(new TestCatalog()).run(spec, bytes(), MODEL,
                new PipelineEngine.Options(out, resume, limit, ProgressOpener.NONE, "test"), cancellation);
    }

    private static byte[] bytes() {
        return "presso: 1 # stands for the pipeline file\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Progress that cancels the run once a number of sites were reported done. */
    private static ProgressOpener cancelAfter(RunCancellation cancellation, int sites) {
        AtomicReference<Integer> done = new AtomicReference<>(0);
        return (task, total) -> new ProgressSink() {
            @Override
            public void advance(long steps) {
                if (done.updateAndGet(d -> d + (int) steps) >= sites) {
                    cancellation.cancel("test interrupt");
                }
            }

            @Override
            public void status(String message) {}

            @Override
            public void close() {}
        };
    }

    private static PipelineSpec spec(Settings methodSettings) {
        DataSource calibration = new DataSource(DATA.resolve("stories260k/samples-256x64.json"), "auto", 64, 8, AT);
        DataSource evaluation = new DataSource(DATA.resolve("stories260k/tinystories-text.ids.json"), "auto", 128, 4,
                AT);
        Targets all = new Targets(List.of(), List.of());
        Stage.Evaluate evaluate = new Stage.Evaluate("evaluate", List.of(new MetricSpec("test-nll", Settings.none(),
                AT)), AT);
        return new PipelineSpec(AT.file(), "engine-test", 7, new ModelRef(Optional.of(MODEL), MODEL.toString(), AT),
                Optional.of("reference"), new DataSpec(Optional.of(calibration), Optional.of(evaluation)), List.of(),
                List.of(new Stage.Calibrate("calibrate", 0, AT), evaluate),
                List.of(new Variant("fine", List.of(new Stage.Compress("compress", new dev.presso.host.internal.pipeline.spec.PluginRef("test-round", AT), methodSettings,
                                new LevelRef("0.01", AT), all, List.of(), false, AT), evaluate,
                                new Stage.Export("export-presso", "presso", AT),
                                new Stage.Export("export-hf", "huggingface", AT)), AT),
                        new Variant("coarse", List.of(new Stage.Compress("compress", new dev.presso.host.internal.pipeline.spec.PluginRef("test-round", AT), Settings.none(),
                                new LevelRef("step-0.1", AT), all, List.of(), false, AT), evaluate), AT)));
    }
}
