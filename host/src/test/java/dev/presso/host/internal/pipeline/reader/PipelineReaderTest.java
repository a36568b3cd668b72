package dev.presso.host.internal.pipeline.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.host.internal.pipeline.fixtures.TestEnvironment;
import dev.presso.host.internal.pipeline.spec.DataSource;
import dev.presso.host.internal.pipeline.spec.LayerPattern;
import dev.presso.host.internal.pipeline.spec.LevelOverride;
import dev.presso.host.internal.pipeline.spec.Location;
import dev.presso.host.internal.pipeline.spec.MetricSpec;
import dev.presso.host.internal.pipeline.spec.PipelineSpec;
import dev.presso.host.internal.pipeline.spec.PluginRequirement;
import dev.presso.host.internal.pipeline.spec.Stage;
import dev.presso.host.internal.pipeline.spec.Variant;
import dev.presso.kernel.pipeline.Problem;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading pipeline files into specs: values, defaults, resolved paths, names and locations. */
class PipelineReaderTest {
    private static final Path GOOD = TestEnvironment.resources().resolve("good");

    private static PipelineSpec read(String name) {
        Validation<List<Problem>, PipelineSpec> read = PipelineReader.read(GOOD.resolve(name));
        assertTrue(read.isValid(), () -> String.valueOf(read.getError()));
        return read.get();
    }

    private static void at(int line, int column, Location where) {
        assertEquals(line + ":" + column, where.lineColumn());
    }

    @Test
    void readsTheTopLevel() {
        PipelineSpec spec = read("full.yaml");
        assertEquals("full-tiny", spec.name());
        assertEquals(1234, spec.seed());
        assertEquals(Optional.of(TestEnvironment.resources().resolve("models/tiny")), spec.model().folder());
        assertEquals("../models/tiny", spec.model().written());
        assertEquals(Optional.of("cpu"), spec.provider());
        assertEquals(List.of("baselines", "evaluators"), spec.plugins().stream().map(PluginRequirement::id).toList());
        assertEquals(">=0.2.0 <0.3.0", spec.plugins().get(0).constraint().describe());
        assertEquals(">=0.1.0 <1.0.0", spec.plugins().get(1).constraint().describe());
        at(8, 3, spec.plugins().get(0).where());
    }

    @Test
    void readsDataSetsWithDefaults() {
        PipelineSpec spec = read("full.yaml");
        DataSource calibration = spec.data().calibration().orElseThrow();
        assertEquals(TestEnvironment.resources().resolve("data/calibration.json"), calibration.path());
        assertEquals(List.of("json", 256, 32), List.of(calibration.format(), calibration.sequenceLength(),
                calibration.maxSequences()));
        DataSource evaluation = spec.data().evaluation().orElseThrow();
        assertEquals(List.of("auto", 512, 0), List.of(evaluation.format(), evaluation.sequenceLength(),
                evaluation.maxSequences()));
        DataSource shorthand = read("minimal.yaml").data().evaluation().orElseThrow();
        assertEquals(List.of("auto", 512, 0), List.of(shorthand.format(), shorthand.sequenceLength(),
                shorthand.maxSequences()));
    }

    @Test
    void readsSharedStagesAndVariants() {
        PipelineSpec spec = read("full.yaml");
        assertEquals(List.of("calibrate", "dense"), spec.stages().stream().map(Stage::name).toList());
        assertEquals(16, assertInstanceOf(Stage.Calibrate.class, spec.stages().get(0)).rowSample());
        assertEquals(List.of("rtn-4bit", "magnitude-50", "svd-search"),
                spec.variants().stream().map(Variant::name).toList());
        assertEquals(List.of("compress", "evaluate", "export"),
                spec.variants().get(0).stages().stream().map(Stage::name).toList());
        assertEquals(7, spec.stagesOf(Optional.of(spec.variants().getFirst())).size() + 2);
    }

    @Test
    void readsACompressStage() {
        Stage.Compress compress = assertInstanceOf(Stage.Compress.class, read("full.yaml").variants().get(0)
                .stages().get(0));
        assertEquals("rtn", compress.method().id());
        at(22, 19, compress.method().where());
        at(21, 9, compress.where());
        assertEquals(Map.of("group-size", "64", "symmetric", "false"), compress.params().values());
        at(23, 20, compress.params().locations().get("group-size"));
        assertEquals("4", compress.level().text());
        assertEquals(List.of("model.layers.*.mlp.*", "re:model\\.layers\\.\\d+\\.self_attn\\..*"),
                compress.targets().include().stream().map(LayerPattern::text).toList());
        assertEquals(List.of("model.layers.0.**"), compress.targets().exclude().stream().map(LayerPattern::text)
                .toList());
        LevelOverride first = compress.overrides().get(0);
        LevelOverride second = compress.overrides().get(1);
        assertEquals(List.of("model.layers.2.mlp.down_proj", "8bit", false),
                List.of(first.match().text(), first.level().orElseThrow().text(), first.skip()));
        assertEquals(List.of("model.layers.1.**", true), List.of(second.match().text(), second.skip()));
        assertEquals(Optional.empty(), second.level());
        at(29, 15, second.where());
        assertFalse(compress.sequential());
    }

    @Test
    void readsEvaluateExportAndSearchStages() {
        List<Variant> variants = read("full.yaml").variants();
        Stage.Evaluate evaluate = assertInstanceOf(Stage.Evaluate.class, variants.get(0).stages().get(1));
        assertEquals(List.of("perplexity", "kl-divergence"), evaluate.metrics().stream().map(MetricSpec::id).toList());
        assertEquals(Map.of("top-k", "0"), evaluate.metrics().get(1).params().values());
        assertEquals("presso", assertInstanceOf(Stage.Export.class, variants.get(0).stages().get(2)).format());
        Stage.Compress magnitude = assertInstanceOf(Stage.Compress.class, variants.get(1).stages().get(0));
        assertTrue(magnitude.sequential());
        assertEquals("50%", magnitude.level().text());
        Stage.Search search = assertInstanceOf(Stage.Search.class, variants.get(2).stages().get(0));
        assertEquals(List.of("uniform", "svd"), List.of(search.strategy().id(), search.method().id()));
        assertEquals(Map.of("whitened", "true"), search.methodParams().values());
        assertEquals(Map.of(), search.strategyParams().values());
        assertEquals(8.0, search.budget().bitsPerParameter());
        assertEquals("huggingface", assertInstanceOf(Stage.Export.class, variants.get(2).stages().get(2)).format());
    }

    @Test
    void namesStagesByKindAndDefaultsTheRest() {
        PipelineSpec spec = read("default-model.yaml");
        assertTrue(spec.model().isDefault());
        assertEquals(List.of("compress", "evaluate", "compress-2", "evaluate-2"),
                spec.variants().getFirst().stages().stream().map(Stage::name).toList());
        PipelineSpec minimal = read("minimal.yaml");
        assertEquals("minimal", minimal.name());
        assertEquals(0, minimal.seed());
        assertEquals(List.of(), minimal.plugins());
        assertEquals(Optional.empty(), minimal.provider());
        assertEquals(Optional.empty(), minimal.data().calibration());
    }

    @Test
    void resolvesYamlAliasesToTheAnchoredValues() {
        List<Variant> variants = read("anchors.yaml").variants();
        Stage.Compress first = assertInstanceOf(Stage.Compress.class, variants.get(0).stages().get(0));
        Stage.Compress second = assertInstanceOf(Stage.Compress.class, variants.get(1).stages().get(0));
        assertEquals(first.targets(), second.targets());
        assertEquals(first.level(), second.level());
        assertEquals(Map.of("top-k", "16", "max-length", "64"),
                assertInstanceOf(Stage.Evaluate.class, variants.get(1).stages().get(1)).metrics().get(1).params()
                        .values());
    }

    @Test
    void strictReadReturnsEveryProblemWithFileLineAndColumn(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.yaml"), """
                presso: 1
                model: default
                stages:
                  - compress: {method: rtn, levle: 4}
                  - evaluate: {metrics: []}
                """);
        Validation<List<Problem>, PipelineSpec> read = PipelineReader.read(file);
        assertTrue(read.isInvalid());
        assertEquals(List.of(file + ":4:5 PIPE004", file + ":4:29 PIPE002", file + ":5:25 PIPE007"),
                read.getError().stream().map(p -> p.source() + " " + p.code()).toList());
        assertTrue(read.getError().get(1).format().contains("did you mean 'level'?"),
                read.getError().get(1).format());
    }

    @Test
    void partialReadKeepsStagesWithOnlyUnknownKeysAndDropsBrokenOnes(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.yaml"), """
                presso: 1
                model: default
                variants:
                  - name: v
                    stages:
                      - compress: {method: rtn, level: 4, colour: blue}
                      - compress: {method: rtn, level: [4]}
                """);
        PartialRead read = PipelineReader.readPartial(file);
        assertEquals(2, read.diagnostics().size());
        List<Stage> stages = read.spec().orElseThrow().variants().getFirst().stages();
        assertEquals(1, stages.size(), "the stage with an unreadable level is left out");
        assertEquals("compress", stages.getFirst().name());
    }

    @Test
    void yamlBooleansReachPluginsAsTrueOrFalse(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.yaml"), """
                presso: 1
                model: default
                stages:
                  - compress: {method: svd, level: 0.5, params: {whitened: yes, damp: 0.05, note: "yes"}}
                """);
        Stage.Compress compress = assertInstanceOf(Stage.Compress.class, PipelineReader.read(file).get().stages()
                .getFirst());
        assertEquals(Map.of("whitened", "true", "damp", "0.05", "note", "yes"), compress.params().values());
    }

    @Test
    void neverThrowsForUnreadableFiles(@TempDir Path dir) {
        PartialRead missing = PipelineReader.readPartial(dir.resolve("absent.yaml"));
        assertEquals("PIPE000", missing.diagnostics().getFirst().code().code());
        PartialRead folder = PipelineReader.readPartial(dir);
        assertEquals("PIPE000", folder.diagnostics().getFirst().code().code());
        assertTrue(folder.spec().isEmpty());
    }
}
