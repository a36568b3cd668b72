package dev.presso.host.internal.pipeline.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.presso.host.internal.pipeline.reader.PipelineReader;
import dev.presso.host.internal.pipeline.spec.PipelineSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text {@code presso plan} prints. */
class PlanFormatterTest {
    private static final List<String> SITES = List.of("model.layers.0.mlp.up_proj", "model.layers.0.mlp.down_proj",
            "model.layers.1.mlp.up_proj", "model.layers.1.mlp.down_proj", "lm_head");

    @Test
    void printsOneAlignedTablePerStage(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.yaml"), """
                presso: 1
                model: default
                data: {calibration: calibration.json}
                variants:
                  - name: rtn
                    stages:
                      - compress:
                          method: rtn
                          params: {group-size: 64}
                          level: 4
                          exclude: [model.layers.0.mlp.up_proj]
                          overrides:
                            - {match: model.layers.1.mlp.down_proj, level: 8}
                            - {match: model.layers.0.mlp.down_proj, skip: true}
                  - name: search
                    stages:
                      - search: {strategy: uniform, method: svd, method-params: {whitened: true},
                                 budget: {bits-per-parameter: 3.5}}
                """);
        PipelineSpec spec = PipelineReader.read(file).get();
        assertEquals("""
                variant rtn, stage compress (line 7): rtn {group-size=64} at level 4
                  site                          method  level  rule
                  model.layers.0.mlp.up_proj    -       -      excluded by exclude #1 (line 11)
                  model.layers.0.mlp.down_proj  -       skip   skipped by override #2 (line 14)
                  model.layers.1.mlp.up_proj    rtn     4      default
                  model.layers.1.mlp.down_proj  rtn     8      override #1 (line 13)
                  lm_head                       -       -      not targeted
                  2 compressed (1 at 4, 1 at 8), 1 skipped, 1 excluded, 1 not targeted

                variant search, stage search (line 17): strategy uniform over svd {whitened=true} levels, budget 3.5 \
                bits per parameter
                  site                          method  level   rule
                  model.layers.0.mlp.up_proj    svd     search  searched
                  model.layers.0.mlp.down_proj  svd     search  searched
                  model.layers.1.mlp.up_proj    svd     search  searched
                  model.layers.1.mlp.down_proj  svd     search  searched
                  lm_head                       -       -       not targeted
                  4 compressed, 1 not targeted
                """, PlanFormatter.format(PlanResolver.resolve(spec, SITES)));
    }

    @Test
    void printsDatabasesWithTheirUnitsAndTheSearchesOverThem(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.yaml"), """
                presso: 1
                model: default
                data: {calibration: calibration.json}
                stages:
                  - calibrate
                  - database: {name: sparse, method: sparsegpt, exclude: [model.layers.0.mlp.up_proj],
                               sparsity: {target: 0.6, steps: 4, weights-per-step: 32}}
                  - database: {name: blocks, depth: {mlp: true}}
                variants:
                  - name: evo
                    stages:
                      - search: {strategy: evopress, database: sparse, budget: {sparsity: target}}
                  - name: drop
                    stages:
                      - search: {strategy: brute-force, database: blocks, budget: {drop: {mlp: 1}}}
                """);
        PipelineSpec spec = PipelineReader.read(file).get();
        assertEquals("""
                shared, stage sparse (line 6): database of sparsegpt sparsity ladder around 0.6, 4 steps of 32 weights \
                each way
                  site                          method     level   rule
                  model.layers.0.mlp.up_proj    -          -       excluded by exclude #1 (line 6)
                  model.layers.0.mlp.down_proj  sparsegpt  ladder  database unit
                  model.layers.1.mlp.up_proj    sparsegpt  ladder  database unit
                  model.layers.1.mlp.down_proj  sparsegpt  ladder  database unit
                  lm_head                       -          -       not targeted
                  3 database units, the model left as it is

                shared, stage blocks (line 8): database of depth ladder over mlp sub-blocks
                  site                          method  level   rule
                  model.layers.0.mlp.up_proj    -       -       not targeted
                  model.layers.0.mlp.down_proj  drop    ladder  database unit
                  model.layers.1.mlp.up_proj    -       -       not targeted
                  model.layers.1.mlp.down_proj  drop    ladder  database unit
                  lm_head                       -       -       not targeted
                  2 database units, the model left as it is

                variant evo, stage search (line 12): strategy evopress over database sparse, budget the target sparsity
                  site                          method     level   rule
                  model.layers.0.mlp.up_proj    -          -       excluded by exclude #1 (line 6)
                  model.layers.0.mlp.down_proj  sparsegpt  search  searched
                  model.layers.1.mlp.up_proj    sparsegpt  search  searched
                  model.layers.1.mlp.down_proj  sparsegpt  search  searched
                  lm_head                       -          -       not targeted
                  3 compressed, 1 excluded, 1 not targeted

                variant drop, stage search (line 15): strategy brute-force over database blocks, budget drop 1 mlp
                  site                          method  level   rule
                  model.layers.0.mlp.up_proj    -       -       not targeted
                  model.layers.0.mlp.down_proj  drop    search  searched
                  model.layers.1.mlp.up_proj    -       -       not targeted
                  model.layers.1.mlp.down_proj  drop    search  searched
                  lm_head                       -       -       not targeted
                  2 compressed, 3 not targeted
                """, PlanFormatter.format(PlanResolver.resolve(spec, SITES)));
    }

    @Test
    void saysSoWhenNothingIsCompressed() {
        assertEquals("no compress or search stage: the pipeline leaves every site dense\n",
                PlanFormatter.format(new Plan(List.of())));
    }
}
