package dev.presso.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.presso.fixtures.CountingPluginContext;
import dev.presso.host.Models;
import dev.presso.host.TensorRuntime;
import dev.presso.host.internal.calibration.ProgressOpener;
import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.classpath.ClasspathCatalog;
import dev.presso.host.internal.pipeline.validation.PipelineEnvironment;
import dev.presso.host.internal.pipeline.validation.PipelineValidator;
import dev.presso.host.internal.pipeline.validation.ValidationReport;
import dev.presso.host.internal.run.CompressedModel;
import dev.presso.host.internal.run.PipelineEngine;
import dev.presso.host.internal.run.RunCancellation;
import dev.presso.host.internal.run.RunOutcome;
import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both export formats of a real RTN-compressed stories260K: the {@code presso} export reloads with
 * its compressed layers restored by the plugin and computes what the dense Hugging Face export
 * computes; the Hugging Face export is read by a tool that is not Presso (the numpy reference
 * forward in {@code ../shared/tools}) when python3 and numpy are there.
 */
class ExportTest {
    private static final Path DATA = Path.of(System.getProperty("presso.shared.data", "../../../shared/data"))
            .toAbsolutePath();
    private static final Path MODEL = DATA.resolve("stories260k");
    private static final int[] IDS = {1, 403, 407, 261, 378};

    @TempDir Path temp;

    @Test
    void thePressoExportReloadsAndMatchesTheDenseExport() throws Exception {
        assumeTrue(Files.isDirectory(MODEL), "needs " + MODEL);
        Catalog catalog = ClasspathCatalog.ofHost();
        Path out = temp.resolve("run");
        run(catalog, out);
        Path presso = out.resolve("export/rtn-4bit/presso");
        Path dense = out.resolve("export/rtn-4bit/huggingface");
        try (TensorBackend backend = TensorRuntime.openBackend(Optional.of("cpu"), BackendOptions.defaults())) {
            Tensors tensors = TensorRuntime.tensors(backend);
            try (TensorScope _ = tensors.scope()) {
                CausalLM restored = CompressedModel.load(presso, catalog, new CountingPluginContext(tensors));
                CausalLM denseModel = Models.load(dense, tensors);
                float[] a = logits(restored, tensors);
                float[] b = logits(denseModel, tensors);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(b[i], a[i], 1e-4, "logit " + i);
                }
                assertTrue(Files.size(presso.resolve("compressed.safetensors"))
                        < Files.size(dense.resolve("model.safetensors")) / 4);
                numpyReference(dense).ifPresent(first -> {
                    for (int i = 0; i < first.length; i++) {
                        assertEquals(first[i], b[(IDS.length - 1) * denseModel.vocabularySize() + i], 1e-3,
                                "numpy logit " + i + " at the last position");
                    }
                });
            }
        }
    }

    private static void run(Catalog catalog, Path out) throws IOException {
        Path pipeline = Files.writeString(out.resolveSibling("export.yaml"), """
                presso: 1
                name: export-test
                model: %s
                stages: []
                variants:
                  - name: rtn-4bit
                    stages:
                      - compress: {method: rtn, level: 4bit, params: {group-size: 32}}
                      - export: {format: presso}
                      - export: {format: huggingface}
                """.formatted(MODEL));
        ValidationReport report = PipelineValidator.check(pipeline, PipelineEnvironment.of(catalog, List::of));
        assertTrue(report.isValid(), report.errors().toString());
        RunOutcome outcome = new PipelineEngine(catalog).run(report.spec().orElseThrow(), Files.readAllBytes(pipeline),
                MODEL, new PipelineEngine.Options(out, false, Optional.empty(), ProgressOpener.NONE, "test"),
                new RunCancellation());
        assertTrue(outcome.succeeded(), outcome.problems().toString());
    }

    private static float[] logits(CausalLM model, Tensors tensors) {
        return model.forward(tensors.ofInts(IDS, Shape.of(1, IDS.length))).toFloatArray();
    }

    /** Returns the first six logits at the last position from the numpy reference, if it can run. */
    private static Optional<float[]> numpyReference(Path folder) {
        Path script = DATA.resolveSibling("tools").resolve("llama_reference.py");
        try {
            List<String> command = new java.util.ArrayList<>(List.of("python3", script.toString(), folder.toString(),
                    "--ids"));
            for (int id : IDS) {
                command.add(String.valueOf(id));
            }
            Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(python.getInputStream().readAllBytes());
            if (!python.waitFor(120, TimeUnit.SECONDS) || python.exitValue() != 0) {
                return Optional.empty();
            }
            Matcher last = Pattern.compile("logits\\s+pos " + (IDS.length - 1) + ": argmax \\d+ first \\[([^]]*)]")
                    .matcher(output);
            if (!last.find()) {
                return Optional.empty();
            }
            String[] parts = last.group(1).trim().split("\\s+");
            float[] values = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                values[i] = Float.parseFloat(parts[i]);
            }
            return Optional.of(values);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
