package dev.presso.plugins.evopress.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance claims of methods.md §2.5 that CI can afford, on the real stories260K through
 * pipelines run by the host, with databases and budgets as the example pipelines
 * ({@code examples/pipelines/stories260k-evopress-*.yaml}) have them but fewer units, generations
 * and tokens. The full experiments and their numbers are in the plugin's CHANGELOG.
 */
class Stories260kEvoPressTest {
    private static final String SEARCH_SETTINGS = "{generations: 8, offspring: 6, survivors: \"2,1\","
            + " tokens: \"128,512\", initially-generated: 4, initial-tokens: 128}";

    /** E2: with 2 of 5 attention and 2 of 5 MLP sub-blocks dropped, EvoPress finds brute force's optimum. */
    @Test
    void depthSearchFindsTheBruteForceOptimumInAtLeastFourOfFiveSeeds(@TempDir Path work) {
        StringBuilder body = new StringBuilder("""
                stages:
                  - database: {name: blocks, depth: {attention: true, mlp: true}, cache: false}
                variants:
                  - name: brute-force
                    stages:
                      - search: {strategy: brute-force, params: {tokens: 1024}, database: blocks, budget: {drop: {attention: 2, mlp: 2}}}
                """);
        for (int seed = 0; seed < 5; seed++) {
            body.append("  - name: evopress-").append(seed).append("\n    stages:\n      - search: {strategy: evopress,"
                    + " params: {offspring: 8, survivors: \"2,1\", tokens: \"256,1024\", initial-tokens: 256,"
                    + " generations: 20, seed-offset: ").append(seed).append("}, database: blocks, budget: {drop:"
                    + " {attention: 2, mlp: 2}}}\n");
        }
        PipelineRun run = PipelineRun.run(work, "e2-depth", body.toString());
        List<Integer> optimum = run.levels("brute-force");
        int found = 0;
        for (int seed = 0; seed < 5; seed++) {
            List<Integer> levels = run.levels("evopress-" + seed);
            int attention = 0;
            int mlp = 0;
            for (int u = 0; u < levels.size(); u++) {
                if (u % 2 == 0) {
                    attention += levels.get(u);
                } else {
                    mlp += levels.get(u);
                }
            }
            assertEquals(2, attention, "seed " + seed + " drops exactly 2 attention sub-blocks: " + levels);
            assertEquals(2, mlp, "seed " + seed + " drops exactly 2 MLP sub-blocks: " + levels);
            System.out.printf("E2 seed %d: %s (brute force %s)%n", seed, levels, optimum);
            found += levels.equals(optimum) ? 1 : 0;
        }
        assertTrue(found >= 4, "EvoPress found the brute-force optimum " + optimum + " in " + found + " of 5 seeds");
    }

    /** E1's invariant: level switches of an equal-step SparseGPT database keep the global zero count exactly. */
    @Test
    void sparsityAllocationsKeepTheUniformZeroCountExactly(@TempDir Path work) {
        PipelineRun run = PipelineRun.run(work, "e1-zeros", """
                stages:
                  - calibrate
                  - database: {name: sparse, method: sparsegpt, targets: ["model.layers.0.**"], sparsity: {target: 0.6, steps: 2, weights-per-step: 128}, cache: false}
                variants:
                  - name: uniform
                    stages:
                      - search: {strategy: uniform, database: sparse, budget: {sparsity: target}}
                  - name: evopress
                    stages:
                      - search: {strategy: evopress, params: %s, database: sparse, budget: {sparsity: target}}
                  - name: dp
                    stages:
                      - search: {strategy: dp, database: sparse, budget: {sparsity: target}}
                  - name: random
                    stages:
                      - search: {strategy: random, params: {evaluations: 20, tokens: 512}, database: sparse, budget: {sparsity: target}}
                """.formatted(SEARCH_SETTINGS));
        long centre = run.uniformSum(2, "zeros");
        long budget = run.uniformSum(2, "costBits");
        assertEquals(List.of(2, 2, 2, 2, 2, 2, 2), run.levels("uniform"));
        assertEquals(centre, run.sum("uniform", "zeros"));
        List<Integer> evopress = run.levels("evopress");
        System.out.printf("E1 (layer 0): evopress %s, %d zeros, uniform %d zeros%n", evopress,
                run.sum("evopress", "zeros"), centre);
        assertEquals(centre, run.sum("evopress", "zeros"), "evopress " + evopress + " keeps the zero count exactly");
        assertEquals(14, evopress.stream().mapToInt(Integer::intValue).sum(), "the level sum of the uniform centre");
        for (String variant : List.of("uniform", "evopress", "dp", "random")) {
            assertTrue(run.sum(variant, "costBits") <= budget, variant + " meets the budget of " + budget + " bits");
            assertTrue(run.sum(variant, "zeros") >= centre, variant + " prunes at least the uniform count");
        }
    }

    /** E3's budget: every strategy's GPTQ bit allocation stays within floor(3.0944 x parameters) bits. */
    @Test
    void bitAllocationsMeetTheBudgetExactly(@TempDir Path work) {
        PipelineRun run = PipelineRun.run(work, "e3-budget", """
                stages:
                  - calibrate
                  - database: {name: bits, method: gptq, params: {group-size: 32}, targets: ["model.layers.0.**"], levels: [2bit, 3bit, 4bit], cache: false}
                variants:
                  - name: uniform
                    stages:
                      - search: {strategy: uniform, database: bits, budget: {bits-per-parameter: 3.0944}}
                  - name: uniform-mix
                    stages:
                      - search: {strategy: uniform-mix, database: bits, budget: {bits-per-parameter: 3.0944}}
                  - name: dp
                    stages:
                      - search: {strategy: dp, database: bits, budget: {bits-per-parameter: 3.0944}}
                  - name: evopress
                    stages:
                      - search: {strategy: evopress, params: %s, database: bits, budget: {bits-per-parameter: 3.0944}}
                """.formatted(SEARCH_SETTINGS));
        long parameters = run.parameters();
        assertEquals(45312, parameters, "the 7 linear layers of decoder block 0");
        long budget = (long) Math.floor(3.0944 * parameters);
        assertEquals(List.of(2, 2, 2, 2, 2, 2, 2), run.levels("uniform"), "only 2 bits fit everywhere");
        for (String variant : List.of("uniform", "uniform-mix", "dp", "evopress")) {
            long spent = run.sum(variant, "costBits");
            System.out.printf("E3 (block 0): %s %s spends %d of %d bits%n", variant, run.levels(variant), spent, budget);
            assertTrue(spent <= budget, variant + " spends " + spent + " bits, over the budget of " + budget);
        }
        assertTrue(new HashSet<>(run.levels("evopress")).size() > 1, "evopress mixes bit-widths: "
                + run.levels("evopress"));
        assertTrue(run.sum("evopress", "costBits") > run.sum("uniform", "costBits"),
                "evopress spends bits uniform cannot");
    }
}
