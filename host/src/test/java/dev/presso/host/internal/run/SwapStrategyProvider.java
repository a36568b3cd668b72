package dev.presso.host.internal.run;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.FitnessOracle;
import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchStrategyProvider;
import java.util.List;
import java.util.Map;

/**
 * A test strategy: starts from the uniform centre allocation (or, in a space with group budgets,
 * from the first units of each group dropped until the group fits), then for a few generations
 * tries the level switch between unit {@code g} and unit {@code g + 1} (one more compressed, the
 * other less), keeps it when the oracle scores it better and it fits, and records the best fitness
 * of every generation as the series {@code fitness}.
 */
final class SwapStrategyProvider implements SearchStrategyProvider {
    @Override
    public String id() {
        return "test-swap";
    }

    @Override
    public String description() {
        return "Level switches between neighbouring units, for tests.";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(new PluginOption("generations", "3", "How many switches to try."));
    }

    @Override
    public SearchStrategy create(Map<String, String> settings) {
        int generations = Integer.parseInt(settings.getOrDefault("generations", "3"));
        return new SearchStrategy() {
            @Override
            public String id() {
                return "test-swap";
            }

            @Override
            public Allocation search(SearchSpace space, FitnessOracle oracle, PluginContext context) {
                int[] best = start(space);
                double bestFitness = oracle.fitness(toAllocation(best), 256, 0);
                context.record("fitness", 0, bestFitness);
                for (int g = 1; g <= generations; g++) {
                    int[] child = best.clone();
                    int a = (g - 1) % space.units().size();
                    int b = (a + 1) % space.units().size();
                    if (child[a] + 1 < space.units().get(a).levelCount() && child[b] > 0) {
                        child[a]++;
                        child[b]--;
                    }
                    if (space.fits(child)) {
                        double fitness = oracle.fitness(toAllocation(child), 256, g);
                        double parent = oracle.fitness(toAllocation(best), 256, g);
                        if (fitness < parent) {
                            best = child;
                            bestFitness = fitness;
                        } else {
                            bestFitness = parent;
                        }
                    }
                    context.record("fitness", g, bestFitness);
                }
                return toAllocation(best);
            }
        };
    }

    private static int[] start(SearchSpace space) {
        int[] levels = new int[space.units().size()];
        if (space.groupBudgetsBits().isEmpty()) {
            for (int u = 0; u < levels.length; u++) {
                levels[u] = (space.units().get(u).levelCount() - 1) / 2;
            }
        }
        while (!space.fits(levels)) {
            List<Integer> over = space.unitsOverBudget(levels);
            if (over.isEmpty()) {
                throw new PressoException("no allocation fits");
            }
            levels[over.getFirst()]++;
        }
        return levels;
    }

    private static Allocation toAllocation(int[] levels) {
        return new Allocation(java.util.Arrays.stream(levels).boxed().toList());
    }
}
