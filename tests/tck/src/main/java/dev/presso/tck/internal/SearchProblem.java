package dev.presso.tck.internal;

import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.SearchUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic allocation problem with a known, separable fitness: unit {@code u} at level
 * {@code l} adds {@code sensitivity[u] * (2^l - 1)}, a convex error that grows with compression
 * (levels are ordered least to most compressed, as strategies expect). Sensitivities differ
 * between units, so spending bits where they matter beats the uniform allocation.
 *
 * @param name what the problem exercises, for test names
 * @param units the units and their level costs
 * @param budgetBits the budget
 * @param sensitivity each unit's error weight, in unit order
 */
public record SearchProblem(String name, List<SearchUnit> units, long budgetBits, List<Double> sensitivity) {
    /** Levels every synthetic unit offers. */
    static final int LEVELS = 5;

    /**
     * Copies the components.
     *
     * @param name the name
     * @param units the units
     * @param budgetBits the budget
     * @param sensitivity the error weights
     */
    public SearchProblem {
        units = List.copyOf(units);
        sensitivity = List.copyOf(sensitivity);
    }

    /**
     * Returns the problems every strategy must solve: equal-cost units with the budget exactly at
     * a uniform level and between two, and units of different sizes (so a level step costs
     * different amounts) with an exact and a slack budget.
     *
     * @return the problems
     */
    public static List<SearchProblem> standard() {
        List<SearchProblem> problems = new ArrayList<>();
        int[] equal = {64, 64, 64, 64, 64, 64, 64, 64};
        int[] mixed = {16, 64, 64, 172, 16, 64, 172, 64, 16, 172};
        problems.add(of("equal-cost units, budget at uniform level 2", equal, 2, 0));
        problems.add(of("equal-cost units, budget between levels 1 and 2", equal, 2, 3 * 64));
        problems.add(of("unequal-cost units, budget at uniform level 2", mixed, 2, 0));
        problems.add(of("unequal-cost units, budget between levels 2 and 3", mixed, 3, 2 * 172));
        problems.add(of("unequal-cost units, budget at uniform level 4", mixed, 4, 0));
        return List.copyOf(problems);
    }

    /**
     * Returns a problem whose units cost {@code size * bits(l)} with bits 8, 6, 4, 3, 2 and whose
     * budget is the uniform total at a level plus some slack.
     *
     * @param name the name
     * @param sizes each unit's parameter count
     * @param uniformLevel the level whose uniform total sets the budget
     * @param slackBits bits added to that total
     * @return the problem
     */
    static SearchProblem of(String name, int[] sizes, int uniformLevel, long slackBits) {
        long[] bits = {8, 6, 4, 3, 2};
        List<SearchUnit> units = new ArrayList<>();
        List<Double> sensitivity = new ArrayList<>();
        long budget = slackBits;
        for (int u = 0; u < sizes.length; u++) {
            List<Long> costs = new ArrayList<>();
            for (long b : bits) {
                costs.add(b * sizes[u]);
            }
            units.add(new SearchUnit("unit-" + u, costs));
            budget += costs.get(uniformLevel);
            // deterministic spread of sensitivities over two orders of magnitude
            sensitivity.add(Math.pow(10, ((u * 7) % sizes.length) * 2.0 / sizes.length - 1) * sizes[u]);
        }
        return new SearchProblem(name, units, budget, sensitivity);
    }

    /**
     * Returns the problem's fitness of an allocation, lower is better.
     *
     * @param allocation a valid allocation
     * @return the summed per-unit errors
     */
    public double fitness(Allocation allocation) {
        double total = 0;
        for (int u = 0; u < units.size(); u++) {
            total += sensitivity.get(u) * (Math.pow(2, allocation.levels().get(u)) - 1);
        }
        return total;
    }

    /**
     * Returns the total cost of an allocation.
     *
     * @param allocation a valid allocation
     * @return the sum of the chosen levels' costs
     */
    public long cost(Allocation allocation) {
        long total = 0;
        for (int u = 0; u < units.size(); u++) {
            total += units.get(u).levelCostsBits().get(allocation.levels().get(u));
        }
        return total;
    }

    /**
     * Returns the smallest total cost any allocation can have.
     *
     * @return the sum of each unit's cheapest level
     */
    public long cheapestTotal() {
        return units.stream().mapToLong(u -> u.levelCostsBits().stream().mapToLong(Long::longValue).min().orElseThrow())
                .sum();
    }

    /**
     * Returns the uniform allocation: the least compressed common level whose total fits.
     *
     * @return the allocation
     */
    public Allocation uniform() {
        for (int level = 0; level < LEVELS; level++) {
            List<Integer> levels = java.util.Collections.nCopies(units.size(), level);
            Allocation candidate = new Allocation(levels);
            if (cost(candidate) <= budgetBits) {
                return candidate;
            }
        }
        throw new IllegalStateException("problem " + name + " has no uniform allocation within its budget");
    }

    /**
     * Returns the problem as a strategy sees it.
     *
     * @return the units and the budget
     */
    public SearchSpace space() {
        return new SearchSpace(units, budgetBits);
    }

    @Override
    public String toString() {
        return name;
    }
}
