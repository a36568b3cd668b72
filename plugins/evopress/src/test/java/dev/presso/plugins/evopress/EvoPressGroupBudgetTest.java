package dev.presso.plugins.evopress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.fixtures.CountingPluginContext;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.FitnessOracle;
import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.SearchUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * EvoPress on depth-pruning problems: five attention and five MLP sub-blocks, kept or dropped,
 * each group dropping exactly two (group budgets), with a fitness that is not separable (dropping
 * both sub-blocks of one decoder block costs extra), so the optimum is found by enumeration.
 */
class EvoPressGroupBudgetTest {
    private static final double[] ATTENTION = {0.93, 0.21, 0.52, 0.33, 1.41};
    private static final double[] MLP = {2.07, 0.26, 0.61, 0.37, 0.83};
    private static final double BOTH_DROPPED = 0.57;
    private static final Map<String, String> PAPER_DEPTH = Map.of("offspring", "8", "survivors", "2,1",
            "tokens", "512,4096", "generations", "20");

    private static SearchSpace space() {
        List<SearchUnit> units = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            units.add(new SearchUnit("layers." + b + ".attention", "attention", List.of(16L * 4096, 0L), List.of()));
        }
        for (int b = 0; b < 5; b++) {
            units.add(new SearchUnit("layers." + b + ".mlp", "mlp", List.of(16L * 33024, 0L), List.of()));
        }
        long attention = 3 * 16L * 4096;
        long mlp = 3 * 16L * 33024;
        return new SearchSpace(units, attention + mlp, Map.of("attention", attention, "mlp", mlp));
    }

    /** Dropped sub-blocks' damage, plus a penalty per decoder block with both dropped; noisy on few tokens. */
    private static class Depth implements FitnessOracle {
        int calls;

        static double exact(List<Integer> levels) {
            double total = 0;
            for (int b = 0; b < 5; b++) {
                total += ATTENTION[b] * levels.get(b) + MLP[b] * levels.get(5 + b);
                total += BOTH_DROPPED * levels.get(b) * levels.get(5 + b);
            }
            return total;
        }

        @Override
        public double fitness(Allocation allocation, long tokens) {
            return fitness(allocation, tokens, 0);
        }

        @Override
        public double fitness(Allocation allocation, long tokens, long draw) {
            calls++;
            long h = (allocation.levels().hashCode() * 0x9E3779B97F4A7C15L + draw) * 31 + tokens;
            double u = ((h ^ (h >>> 29)) * 0xBF58476D1CE4E5B9L >>> 11) * 0x1.0p-53;
            return exact(allocation.levels()) * (1 + 0.01 * (2 * u - 1) / Math.sqrt(tokens / 512.0));
        }
    }

    private static List<Integer> bruteForceOptimum(SearchSpace space) {
        List<Integer> best = null;
        for (int mask = 0; mask < 1 << 10; mask++) {
            int[] levels = new int[10];
            for (int u = 0; u < 10; u++) {
                levels[u] = mask >> u & 1;
            }
            List<Integer> candidate = java.util.Arrays.stream(levels).boxed().toList();
            if (space.fits(levels) && (best == null || Depth.exact(candidate) < Depth.exact(best))) {
                best = candidate;
            }
        }
        return best;
    }

    @Test
    void findsTheBruteForceOptimumWithExactlyTwoDroppedPerGroupInFiveSeeds() {
        SearchSpace space = space();
        List<Integer> optimum = bruteForceOptimum(space);
        int found = 0;
        for (int seed = 0; seed < 5; seed++) {
            Map<String, String> settings = new java.util.HashMap<>(PAPER_DEPTH);
            settings.put("seed-offset", Integer.toString(seed));
            Allocation allocation = new EvoPressSearchProvider().create(settings).search(space, new Depth(),
                    EvoPressSearchTest.context());
            assertEquals(2, allocation.levels().subList(0, 5).stream().mapToInt(Integer::intValue).sum());
            assertEquals(2, allocation.levels().subList(5, 10).stream().mapToInt(Integer::intValue).sum());
            System.out.printf("depth seed %d: %s fitness %.3f (optimum %s %.3f)%n", seed, allocation.levels(),
                    Depth.exact(allocation.levels()), optimum, Depth.exact(optimum));
            if (Depth.exact(allocation.levels()) <= Depth.exact(optimum) + 1e-9) {
                found++;
            }
        }
        assertTrue(found >= 4, "the optimum " + optimum + " (or one as fit) was found in " + found + " of 5 seeds");
    }

    @Test
    void recordsTheFitnessOfTheStartAndEveryGeneration() {
        CountingPluginContext context = EvoPressSearchTest.context();
        new EvoPressSearchProvider().create(PAPER_DEPTH).search(space(), new Depth(), context);
        assertEquals(21, context.recorded().size(), "the start and 20 generations");
        for (int g = 0; g <= 20; g++) {
            CountingPluginContext.RecordedPoint point = context.recorded().get(g);
            assertEquals("fitness", point.series());
            assertEquals(g, point.step());
            assertTrue(point.value() > 0 && Double.isFinite(point.value()), point.toString());
        }
    }

    @Test
    void aCancelledDepthSearchResumesToTheSameAllocation() {
        SearchSpace space = space();
        Allocation uninterrupted = new EvoPressSearchProvider().create(PAPER_DEPTH).search(space, new Depth(),
                EvoPressSearchTest.context());
        CountingPluginContext interrupted = EvoPressSearchTest.context();
        Depth cancelling = new Depth() {
            @Override
            public double fitness(Allocation allocation, long tokens, long draw) {
                if (interrupted.steps() >= 7) {
                    interrupted.cancel();
                }
                return super.fitness(allocation, tokens, draw);
            }
        };
        assertThrows(PressoException.class, () -> new EvoPressSearchProvider().create(PAPER_DEPTH).search(space,
                cancelling, interrupted));
        CountingPluginContext resumed = EvoPressSearchTest.context();
        resumed.checkpoints().save("evopress-state", interrupted.checkpoints().load("evopress-state").orElseThrow());
        Depth counting = new Depth();
        assertEquals(uninterrupted, new EvoPressSearchProvider().create(PAPER_DEPTH).search(space, counting, resumed));
        assertEquals(8, resumed.recorded().getFirst().step(), "the resumed run records from the next generation on");
    }

    @Test
    void randomStartsAreScoredOnTheInitialTokens() {
        List<Long> tokens = new ArrayList<>();
        FitnessOracle spy = (allocation, budget) -> {
            tokens.add(budget);
            return Depth.exact(allocation.levels());
        };
        new EvoPressSearchProvider().create(Map.of("generations", "0", "initially-generated", "5",
                "initial-tokens", "77")).search(space(), spy, EvoPressSearchTest.context());
        assertEquals(List.of(77L, 77L, 77L, 77L, 77L), tokens);
    }
}
