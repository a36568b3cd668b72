package dev.presso.plugins.evopress.internal;

import dev.presso.kernel.search.SearchSpace;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * EvoPress' budget-preserving mutation. A child gets {@code f = min(U{1,m}, U{1,m})} moves:
 *
 * <ul>
 *   <li>in a space without group budgets, {@code f} relaxations (a random unit one level less
 *       compressed; {@code m = max-switches}) with explicit bit accounting (the official
 *       {@code group_rule=none}): with equal step costs this is exactly {@code f} level switches
 *       (one unit down, one up, the same unit possibly twice); with unequal costs one relaxation
 *       of a large unit is paid by several small ones;</li>
 *   <li>in a space with group budgets, {@code f} swaps inside a group ({@code m = max-mutations}):
 *       a group drawn with probability proportional to its number of units, one of its units one
 *       level less compressed and another one level more compressed (the depth search's "one kept
 *       sub-block dropped, one dropped kept").</li>
 * </ul>
 *
 * <p>Then, while the child exceeds the total or a group budget, a random unit that counts against
 * an exceeded budget ({@link SearchSpace#unitsOverBudget}) is made one level more compressed. A
 * child is rejected (empty result) when it needed more than {@link #MAX_CHANGES} level changes, or
 * when it sheds bits: added bits less than 0.8 of the removed ones.
 */
final class LevelSwitch {
    /** The most level changes one child may need. */
    static final int MAX_CHANGES = 10;
    private static final double MIN_ADDED_OVER_REMOVED = 0.8;

    private final CostModel costs;
    private final int maxMoves;
    private final boolean inGroups;

    /**
     * Creates the mutation.
     *
     * @param costs the costs and budgets
     * @param maxSwitches the most relaxations of a child in a space without group budgets
     * @param maxMutations the most in-group swaps of a child in a space with group budgets
     */
    LevelSwitch(CostModel costs, int maxSwitches, int maxMutations) {
        this.costs = costs;
        this.inGroups = !costs.space().groupBudgetsBits().isEmpty();
        this.maxMoves = inGroups ? maxMutations : maxSwitches;
    }

    /**
     * Makes one child of a parent.
     *
     * @param parent the parent's levels, feasible; not modified
     * @param rng the generation's random numbers
     * @return the child's levels, feasible, or {@code null} when the draw was rejected
     */
    int @org.jspecify.annotations.Nullable [] mutate(int[] parent, SplittableRandom rng) {
        int[] child = Arrays.copyOf(parent, parent.length);
        int moves = Math.min(1 + rng.nextInt(maxMoves), 1 + rng.nextInt(maxMoves));
        Ledger ledger = new Ledger();
        for (int s = 0; s < moves; s++) {
            if (!(inGroups ? swapInGroup(child, rng, ledger) : relax(child, rng, ledger))) {
                return null;
            }
        }
        SearchSpace space = costs.space();
        while (!space.fits(child)) {
            List<Integer> open = space.unitsOverBudget(child);
            if (open.isEmpty() || ++ledger.changes > MAX_CHANGES) {
                return null;
            }
            ledger.step(child, open.get(rng.nextInt(open.size())), +1);
        }
        if (ledger.removed > 0 && ledger.added < MIN_ADDED_OVER_REMOVED * ledger.removed) {
            return null;
        }
        if (!space.fits(child)) {
            throw new IllegalStateException("evopress: a child costs " + costs.total(child) + " bits against a budget"
                    + " of " + costs.budget() + " and group budgets " + space.groupBudgetsBits());
        }
        return child;
    }

    private boolean relax(int[] child, SplittableRandom rng, Ledger ledger) {
        int unit = pick(child.length, u -> child[u] > 0, rng);
        if (unit < 0) {
            return false;
        }
        ledger.changes++;
        ledger.step(child, unit, -1);
        return true;
    }

    private boolean swapInGroup(int[] child, SplittableRandom rng, Ledger ledger) {
        SearchSpace space = costs.space();
        List<String> groups = space.groups().stream().filter(g -> swappable(space.unitsOf(g), child)).toList();
        if (groups.isEmpty()) {
            return false;
        }
        int total = groups.stream().mapToInt(g -> space.unitsOf(g).size()).sum();
        int ticket = rng.nextInt(total);
        List<Integer> members = List.of();
        for (String group : groups) {
            members = space.unitsOf(group);
            if (ticket < members.size()) {
                break;
            }
            ticket -= members.size();
        }
        List<Integer> units = members;
        long compressible = units.stream().filter(u -> compressible(child, u)).count();
        int relaxed = units.get(pick(units.size(), i -> child[units.get(i)] > 0
                && compressible - (compressible(child, units.get(i)) ? 1 : 0) > 0, rng));
        int compressed = units.get(pick(units.size(),
                i -> units.get(i) != relaxed && compressible(child, units.get(i)), rng));
        ledger.changes += 2;
        ledger.step(child, relaxed, -1);
        ledger.step(child, compressed, +1);
        return true;
    }

    /** Whether a group has a unit that can be relaxed and another that can be compressed. */
    private boolean swappable(List<Integer> units, int[] levels) {
        for (int relaxed : units) {
            if (levels[relaxed] > 0) {
                for (int compressed : units) {
                    if (compressed != relaxed && compressible(levels, compressed)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private boolean compressible(int[] levels, int unit) {
        return levels[unit] + 1 < costs.levels(unit);
    }

    /** Bits added and removed by a child's level changes, and how many changes it took. */
    private final class Ledger {
        long added;
        long removed;
        int changes;

        void step(int[] levels, int unit, int direction) {
            long delta = costs.cost(unit, levels[unit] + direction) - costs.cost(unit, levels[unit]);
            levels[unit] += direction;
            if (delta > 0) {
                added += delta;
            } else {
                removed -= delta;
            }
        }
    }

    /** Picks a uniformly random index below {@code count} that satisfies a condition, or -1. */
    private static int pick(int count, IntPredicate allowed, SplittableRandom rng) {
        int matching = 0;
        for (int i = 0; i < count; i++) {
            if (allowed.test(i)) {
                matching++;
            }
        }
        if (matching == 0) {
            return -1;
        }
        int target = rng.nextInt(matching);
        for (int i = 0; i < count; i++) {
            if (allowed.test(i) && target-- == 0) {
                return i;
            }
        }
        throw new AssertionError("unreachable");
    }
}
