package dev.presso.plugins.evopress.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where the search starts. When every unit offers the same levels and one of them fits for all,
 * the uniform allocation (the least compressed such level) is the only candidate, as in the
 * paper's integer targets. Otherwise (a budget between levels that no common level meets, or
 * units with different ladders) candidates start from level 0 everywhere and make random units
 * one level more compressed until the budget holds, as the paper does for fractional bit-widths;
 * selection then picks the best of them.
 */
final class InitialAllocation {
    private InitialAllocation() {}

    /**
     * Returns the starting candidates, each within the budget.
     *
     * @param costs the costs and budget, feasible
     * @param count how many random candidates to draw when there is no uniform start
     * @param rng random numbers for the draws
     * @return at least one candidate, all distinct
     */
    static List<int[]> candidates(CostModel costs, int count, SplittableRandom rng) {
        if (costs.sameLevelCount()) {
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
            int[] candidate = randomTightening(costs, rng);
            if (candidates.stream().noneMatch(c -> Arrays.equals(c, candidate))) {
                candidates.add(candidate);
            }
        }
        return candidates;
    }

    private static int[] randomTightening(CostModel costs, SplittableRandom rng) {
        int[] levels = new int[costs.units()];
        List<Integer> open = new ArrayList<>();
        while (!costs.fits(levels)) {
            open.clear();
            for (int u = 0; u < levels.length; u++) {
                if (levels[u] + 1 < costs.levels(u)) {
                    open.add(u);
                }
            }
            if (open.isEmpty()) {
                return costs.cheapestLevels();
            }
            levels[open.get(rng.nextInt(open.size()))]++;
        }
        return levels;
    }
}
