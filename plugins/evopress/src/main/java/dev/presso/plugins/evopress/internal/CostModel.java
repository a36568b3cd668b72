package dev.presso.plugins.evopress.internal;

import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.SearchUnit;
import java.util.List;

/**
 * The units' level costs as arrays, and totals of level vectors. Level indices run from 0 (least
 * compressed) upwards; costs need not be monotone.
 */
final class CostModel {
    private final long[][] costs;
    private final SearchSpace space;

    CostModel(SearchSpace space) {
        List<SearchUnit> units = space.units();
        this.costs = new long[units.size()][];
        for (int u = 0; u < costs.length; u++) {
            costs[u] = units.get(u).levelCostsBits().stream().mapToLong(Long::longValue).toArray();
        }
        this.space = space;
    }

    int units() {
        return costs.length;
    }

    int levels(int unit) {
        return costs[unit].length;
    }

    long cost(int unit, int level) {
        return costs[unit][level];
    }

    long budget() {
        return space.budgetBits();
    }

    SearchSpace space() {
        return space;
    }

    long total(int[] levels) {
        long total = 0;
        for (int u = 0; u < costs.length; u++) {
            total = Math.addExact(total, costs[u][levels[u]]);
        }
        return total;
    }

    boolean fits(int[] levels) {
        return space.fits(levels);
    }

    /** Returns each unit's cheapest level (the lowest index among ties). */
    int[] cheapestLevels() {
        int[] levels = new int[costs.length];
        for (int u = 0; u < costs.length; u++) {
            for (int l = 1; l < costs[u].length; l++) {
                if (costs[u][l] < costs[u][levels[u]]) {
                    levels[u] = l;
                }
            }
        }
        return levels;
    }

    /** Returns whether every unit offers the same number of levels. */
    boolean sameLevelCount() {
        for (long[] unit : costs) {
            if (unit.length != costs[0].length) {
                return false;
            }
        }
        return true;
    }

    /** Returns a digest of the costs and the budget, to recognise a checkpoint's problem. */
    long digest() {
        long h = space.budgetBits();
        for (String group : space.groups()) {
            h = h * 1_000_003L + group.hashCode();
            h = h * 1_000_003L + space.groupBudgetsBits().getOrDefault(group, -1L);
            for (int unit : space.unitsOf(group)) {
                h = h * 1_000_003L + unit;
            }
        }
        for (long[] unit : costs) {
            h = h * 1_000_003L + unit.length;
            for (long c : unit) {
                h = h * 1_000_003L + c;
            }
        }
        return h;
    }
}
