package dev.presso.plugins.evopress.internal;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * EvoPress' budget-preserving mutation with explicit bit accounting (the official
 * {@code group_rule=none}): a child gets {@code f = min(U{1,m}, U{1,m})} relaxations (a random
 * unit one level less compressed), then random units are made one level more compressed until
 * the total is within the budget again. With equal step costs this is exactly {@code f} level
 * switches (one unit down, one up, the same unit possibly twice); with unequal costs one
 * relaxation of a large unit is paid by several small ones. A child is rejected (empty result)
 * when it needed more than {@link #MAX_CHANGES} level changes, or when it sheds bits: added bits
 * less than 0.8 of the removed ones.
 */
final class LevelSwitch {
    /** The most level changes one child may need. */
    static final int MAX_CHANGES = 10;
    private static final double MIN_ADDED_OVER_REMOVED = 0.8;

    private final CostModel costs;
    private final int maxSwitches;

    LevelSwitch(CostModel costs, int maxSwitches) {
        this.costs = costs;
        this.maxSwitches = maxSwitches;
    }

    /**
     * Makes one child of a parent.
     *
     * @param parent the parent's levels, within the budget; not modified
     * @param rng the generation's random numbers
     * @return the child's levels within the budget, or {@code null} when the draw was rejected
     */
    int @org.jspecify.annotations.Nullable [] mutate(int[] parent, SplittableRandom rng) {
        int[] child = Arrays.copyOf(parent, parent.length);
        int switches = Math.min(1 + rng.nextInt(maxSwitches), 1 + rng.nextInt(maxSwitches));
        long added = 0;
        long removed = 0;
        int changes = 0;
        for (int s = 0; s < switches; s++) {
            int unit = pick(child, u -> child[u] > 0, rng);
            if (unit < 0) {
                return null;
            }
            long delta = costs.cost(unit, child[unit] - 1) - costs.cost(unit, child[unit]);
            child[unit]--;
            changes++;
            if (delta > 0) {
                added += delta;
            } else {
                removed -= delta;
            }
        }
        long total = costs.total(child);
        while (total > costs.budget()) {
            int unit = pick(child, u -> child[u] + 1 < costs.levels(u), rng);
            if (unit < 0 || ++changes > MAX_CHANGES) {
                return null;
            }
            long delta = costs.cost(unit, child[unit] + 1) - costs.cost(unit, child[unit]);
            child[unit]++;
            total += delta;
            if (delta < 0) {
                removed -= delta;
            } else {
                added += delta;
            }
        }
        if (removed > 0 && added < MIN_ADDED_OVER_REMOVED * removed) {
            return null;
        }
        if (total != costs.total(child) || total > costs.budget()) {
            throw new IllegalStateException("evopress: a child's cost drifted to " + total + " bits against a budget"
                    + " of " + costs.budget());
        }
        return child;
    }

    /** Picks a uniformly random unit that satisfies a condition, or -1 when none does. */
    private static int pick(int[] levels, IntPredicate allowed, SplittableRandom rng) {
        int count = 0;
        for (int u = 0; u < levels.length; u++) {
            if (allowed.test(u)) {
                count++;
            }
        }
        if (count == 0) {
            return -1;
        }
        int target = rng.nextInt(count);
        for (int u = 0; u < levels.length; u++) {
            if (allowed.test(u) && target-- == 0) {
                return u;
            }
        }
        throw new AssertionError("unreachable");
    }
}
