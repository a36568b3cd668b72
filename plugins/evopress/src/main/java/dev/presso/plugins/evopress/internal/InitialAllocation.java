package dev.presso.plugins.evopress.internal;

import dev.presso.kernel.search.SearchSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where the search starts, always as little compressed as the budgets allow. In a space without
 * group budgets whose units all offer the same levels, when one of them fits for all, the uniform
 * allocation (the least compressed such level) is the only candidate, as in the paper's integer
 * targets. Otherwise (a budget between levels, units with different ladders, or group budgets such
 * as "drop exactly k sub-blocks of each kind") candidates are random tightenings: level 0
 * everywhere, then a random unit that counts against an exceeded budget is made one level more
 * compressed until every budget holds (the paper's start for fractional bit-widths, and for depth
 * pruning a random genome with exactly k dropped per group when the group's units cost the same).
 * Selection then picks the best of them. A start never compresses a unit that no exceeded budget
 * asks for, so "everything dropped" is never chosen when less would fit.
 */
final class InitialAllocation {
    private InitialAllocation() {}

    /**
     * Returns the starting candidates, each within the budgets.
     *
     * @param costs the costs and budgets, feasible
     * @param count how many random candidates to draw when there is no uniform start
     * @param rng random numbers for the draws
     * @return at least one candidate, all distinct
     */
    static List<int[]> candidates(CostModel costs, int count, SplittableRandom rng) {
        if (costs.sameLevelCount() && costs.space().groupBudgetsBits().isEmpty()) {
            for (int level = 0; level < costs.levels(0); level++) {
                int[] uniform = new int[costs.units()];
                Arrays.fill(uniform, level);
                if (costs.fits(uniform)) {
                    return List.of(uniform);
                }
            }
        }
        List<int[]> candidates = new ArrayList<>();
        for (int attempt = 0; attempt < 10 * count && candidates.size() < count; attempt++) {
            int[] candidate = randomTightening(costs.space(), rng);
            if (candidate == null) {
                return List.of(costs.cheapestLevels());
            }
            if (candidates.stream().noneMatch(c -> Arrays.equals(c, candidate))) {
                candidates.add(candidate);
            }
        }
        return candidates;
    }

    private static int @org.jspecify.annotations.Nullable [] randomTightening(SearchSpace space,
            SplittableRandom rng) {
        int[] levels = new int[space.units().size()];
        while (!space.fits(levels)) {
            List<Integer> open = space.unitsOverBudget(levels);
            if (open.isEmpty()) {
                return null;
            }
            levels[open.get(rng.nextInt(open.size()))]++;
        }
        return levels;
    }
}
