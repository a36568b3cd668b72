package dev.presso.plugins.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.fixtures.CountingPluginContext;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.FitnessOracle;
import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.SearchUnit;
import dev.presso.kernel.tensor.Tensors;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Dynamic programming against brute force, the uniform-mix order, and their refusals. */
class AllocationBaselinesTest {
    private static CountingPluginContext context() {
        return new CountingPluginContext((Tensors) Proxy.newProxyInstance(Tensors.class.getClassLoader(),
                new Class<?>[] {Tensors.class}, (proxy, method, args) -> {
                    throw new AssertionError("a search needs no tensors");
                }));
    }

    /** The oracle that sums the units' level errors, which dp minimises exactly. */
    private static FitnessOracle summedErrors(SearchSpace space) {
        return (allocation, tokens) -> {
            double total = 0;
            for (int u = 0; u < space.units().size(); u++) {
                total += space.units().get(u).levelErrors().get(allocation.levels().get(u));
            }
            return total;
        };
    }

    /** Seven units of three sizes, four levels with random convex errors, two groups with budgets. */
    private static SearchSpace randomSpace(long seed, boolean groupBudgets) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] sizes = {64, 172, 64, 172, 32, 64, 172};
        long[] bits = {4224, 3200, 2176, 1152};
        List<SearchUnit> units = new ArrayList<>();
        long total = 0;
        long first = 0;
        for (int u = 0; u < sizes.length; u++) {
            List<Long> costs = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            double error = 0;
            for (long b : bits) {
                costs.add(b * sizes[u] / 64);
                errors.add(error);
                error += random.nextDouble() * (1 + error);
            }
            String group = u < 3 ? "first" : "second";
            units.add(new SearchUnit("model.layers." + u + ".w", group, costs, errors));
            total += costs.get(1 + random.nextInt(2));
            if (u < 3) {
                first += costs.get(2);
            }
        }
        return new SearchSpace(units, total, groupBudgets ? Map.of("first", first) : Map.of());
    }

    @Test
    void dynamicProgrammingFindsTheBruteForceOptimumOfSummedErrors() {
        for (long seed = 0; seed < 6; seed++) {
            SearchSpace space = randomSpace(seed, seed % 2 == 1);
            FitnessOracle oracle = summedErrors(space);
            Allocation dp = new DynamicProgrammingSearchProvider().create(Map.of()).search(space, oracle, context());
            Allocation brute = new BruteForceSearchProvider().create(Map.of("maximal", "false")).search(space, oracle,
                    context());
            assertTrue(space.fits(dp), "dp " + dp.levels() + " breaks a budget");
            assertEquals(oracle.fitness(brute, 1), oracle.fitness(dp, 1), 1e-12, "seed " + seed + ": dp "
                    + dp.levels() + " against brute force " + brute.levels());
        }
    }

    @Test
    void dynamicProgrammingRefusesUnitsWithoutErrorsAndHugeTables() {
        SearchSpace noErrors = new SearchSpace(List.of(new SearchUnit("model.layers.0.w", List.of(8L, 4L))), 8);
        PressoException missing = assertThrows(PressoException.class, () -> new DynamicProgrammingSearchProvider()
                .create(Map.of()).search(noErrors, summedErrors(noErrors), context()));
        assertTrue(missing.getMessage().contains("unit model.layers.0.w has no level errors"), missing.getMessage());
        SearchSpace space = randomSpace(1, false);
        PressoException huge = assertThrows(PressoException.class, () -> new DynamicProgrammingSearchProvider()
                .create(Map.of("max-cells", "10")).search(space, summedErrors(space), context()));
        assertTrue(huge.getMessage().contains("'max-cells' 10"), huge.getMessage());
    }

    @Test
    void bruteForceRefusesSpacesOverItsLimitByName() {
        SearchSpace space = randomSpace(2, false);
        PressoException e = assertThrows(PressoException.class, () -> new BruteForceSearchProvider()
                .create(Map.of("limit", "100")).search(space, summedErrors(space), context()));
        assertTrue(e.getMessage().contains("16384 allocations; expected at most 'limit' 100"), e.getMessage());
    }

    @Test
    void bruteForceScoresOnlyTheAllocationsThatSpendTheBudgetUnlessToldOtherwise() {
        List<SearchUnit> units = new ArrayList<>();
        for (String group : List.of("attention", "mlp")) {
            for (int b = 0; b < 5; b++) {
                units.add(new SearchUnit("model.layers." + b + "." + group, group, List.of(16L * 64, 0L),
                        List.of(0.0, 1.0)));
            }
        }
        SearchSpace depth = new SearchSpace(units, 10 * 16L * 64, Map.of("attention", 3 * 16L * 64,
                "mlp", 3 * 16L * 64));
        for (String maximal : List.of("true", "false")) {
            int[] calls = {0};
            FitnessOracle counting = (allocation, tokens) -> {
                calls[0]++;
                double damage = -5.0 * allocation.levels().get(7);
                for (int u = 0; u < 10; u++) {
                    damage += (1 + 0.1 * u) * allocation.levels().get(u);
                }
                return damage;
            };
            Allocation best = new BruteForceSearchProvider().create(Map.of("maximal", maximal)).search(depth,
                    counting, context());
            assertEquals(maximal.equals("true") ? 100 : 26 * 26, calls[0], "maximal " + maximal);
            assertEquals(List.of(1, 1, 0, 0, 0, 1, 0, 1, 0, 0), best.levels());
        }
    }

    @Test
    void uniformMixRaisesTheFirstAndLastBlocksFirst() {
        List<SearchUnit> units = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            for (String name : List.of("attention", "mlp")) {
                units.add(new SearchUnit("model.layers." + b + "." + name, List.of(400L, 300L, 200L)));
            }
        }
        long budget = 10 * 200 + 4 * 100 + 100;
        FitnessOracle unused = (allocation, tokens) -> {
            throw new AssertionError("uniform-mix must not call the oracle");
        };
        Allocation mix = new UniformMixSearchProvider().create(Map.of()).search(new SearchSpace(units, budget),
                unused, context());
        assertEquals(List.of(1, 1, 1, 2, 2, 2, 2, 2, 1, 1), mix.levels());
    }
}
