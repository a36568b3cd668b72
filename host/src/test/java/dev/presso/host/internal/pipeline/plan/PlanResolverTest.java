package dev.presso.host.internal.pipeline.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.host.internal.pipeline.fixtures.TestEnvironment;
import dev.presso.host.internal.pipeline.reader.PipelineReader;
import dev.presso.host.internal.pipeline.spec.LevelRef;
import dev.presso.host.internal.pipeline.spec.PipelineSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which rule decides each site: targets, excludes that always win, overrides where the last one wins. */
class PlanResolverTest {
    private static final List<String> SITES = TestEnvironment.tinySites();

    private static PipelineSpec spec(Path dir, String stages) throws IOException {
        Path file = Files.writeString(dir.resolve("p.yaml"), """
                presso: 1
                model: default
                data: {calibration: calibration.json}
                variants:
                  - name: v
                    stages:
                """ + stages.indent(6));
        var read = PipelineReader.read(file);
        assertTrue(read.isValid(), () -> read.getError().toString());
        return read.get();
    }

    /** Returns site to "level rule" for one stage, in the model's order. */
    private static Map<String, String> decisions(StagePlan plan) {
        Map<String, String> out = new LinkedHashMap<>();
        plan.sites().forEach(s -> out.put(s.site(), s.level().map(LevelRef::text).orElse("-") + " "
                + s.rule().describe()));
        return out;
    }

    @Test
    void theLastMatchingOverrideWinsWhetherItSetsALevelOrSkips(@TempDir Path dir) throws IOException {
        PipelineSpec spec = spec(dir, """
                - compress:
                    method: rtn
                    level: 4
                    overrides:
                      - {match: "model.layers.**", level: 3}
                      - {match: "model.layers.1.**", skip: true}
                      - {match: model.layers.1.mlp.up_proj, level: 8}
                """);
        Map<String, String> d = decisions(PlanResolver.resolve(spec, SITES).stages().getFirst());
        assertEquals("3 override #1 (line 11)", d.get("model.layers.0.self_attn.q_proj"));
        assertEquals("- skipped by override #2 (line 12)", d.get("model.layers.1.mlp.down_proj"));
        assertEquals("8 override #3 (line 13)", d.get("model.layers.1.mlp.up_proj"));
        assertEquals("- not targeted", d.get("lm_head"));
    }

    @Test
    void excludesWinOverOverrides(@TempDir Path dir) throws IOException {
        PipelineSpec spec = spec(dir, """
                - compress:
                    method: rtn
                    level: 4
                    targets: ["model.layers.**", lm_head]
                    exclude: ["**.mlp.*", "model.layers.2.**"]
                    overrides:
                      - {match: "**", level: 8}
                """);
        Map<String, String> d = decisions(PlanResolver.resolve(spec, SITES).stages().getFirst());
        assertEquals("- excluded by exclude #1 (line 11)", d.get("model.layers.0.mlp.gate_proj"));
        assertEquals("- excluded by exclude #1 (line 11)", d.get("model.layers.2.mlp.gate_proj"),
                "the first matching exclude is named");
        assertEquals("- excluded by exclude #2 (line 11)", d.get("model.layers.2.self_attn.q_proj"));
        assertEquals("8 override #1 (line 13)", d.get("model.layers.1.self_attn.o_proj"));
        assertEquals("8 override #1 (line 13)", d.get("lm_head"));
    }

    @Test
    void withoutOverridesEveryBlockSiteGetsTheDefault(@TempDir Path dir) throws IOException {
        StagePlan plan = PlanResolver.resolve(spec(dir, "- compress: {method: rtn, level: 4bit}"), SITES).stages()
                .getFirst();
        assertEquals(21, plan.compressed().size());
        assertTrue(plan.compressed().stream().allMatch(s -> s.rule().equals(Rule.DEFAULT)
                && s.level().orElseThrow().text().equals("4bit") && s.method().equals("rtn")));
        assertEquals(Rule.NOT_TARGETED, plan.sites().getLast().rule());
    }

    @Test
    void searchStagesLeaveLevelsToTheStrategy(@TempDir Path dir) throws IOException {
        PipelineSpec spec = spec(dir, """
                - search: {strategy: uniform, method: svd, budget: {bits-per-parameter: 8},
                           exclude: ["model.layers.0.**"]}
                """);
        Map<String, String> d = decisions(PlanResolver.resolve(spec, SITES).stages().getFirst());
        assertEquals("- searched", d.get("model.layers.1.mlp.up_proj"));
        assertEquals("- excluded by exclude #1 (line 8)", d.get("model.layers.0.mlp.up_proj"));
    }

    @Test
    void coversEveryCompressAndSearchStageSharedFirst() {
        PipelineSpec spec = PipelineReader.read(TestEnvironment.resources().resolve("good/full.yaml")).get();
        Plan plan = PlanResolver.resolve(spec, SITES);
        assertEquals(List.of("rtn-4bit/compress", "magnitude-50/compress", "svd-search/search"), plan.stages()
                .stream().map(s -> s.variant().orElse("shared") + "/" + s.stage().name()).toList());
        assertTrue(plan.find(Optional.of("svd-search"), "search").isPresent());
        assertTrue(plan.find(Optional.empty(), "search").isEmpty());
        assertEquals(SITES.size(), plan.stages().getFirst().sites().size(), "every site is listed, targeted or not");
    }
}
