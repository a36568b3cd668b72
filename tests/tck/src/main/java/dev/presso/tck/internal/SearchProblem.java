package dev.presso.tck.internal;

import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.SearchUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A synthetic allocation problem with a known, separable fitness: unit {@code u} at level
 * {@code l} adds {@code sensitivity[u] * (2^l - 1)}, a convex error that grows with compression
 * (levels are ordered least to most compressed, as strategies expect). Sensitivities differ
 * between units, so spending bits where they matter beats the uniform allocation. Most problems
 * give every unit these contributions as its level errors too, so a strategy that adds level
 * errors solves them exactly; some give groups their own budgets.
 *
 * @param name what the problem exercises, for test names
 * @param units the units, their groups, level costs and (possibly) level errors
 * @param budgetBits the total budget
 * @param groupBudgetsBits the budgets of groups, possibly none
 * @param sensitivity each unit's error weight, in unit order
 */
public record SearchProblem(String name, List<SearchUnit> units, long budgetBits, Map<String, Long> groupBudgetsBits,
        List<Double> sensitivity) {
    private static final long[] BITS = {8, 6, 4, 3, 2};

    /**
     * Copies the components.
     *
     * @param name the name
     * @param units the units
     * @param budgetBits the budget
     * @param groupBudgetsBits the group budgets
     * @param sensitivity the error weights
     */
    public SearchProblem {
        units = List.copyOf(units);
        groupBudgetsBits = Map.copyOf(groupBudgetsBits);
        sensitivity = List.copyOf(sensitivity);
    }

    /**
     * A problem with a total budget only.
     *
     * @param name the name
     * @param units the units
     * @param budgetBits the budget
     * @param sensitivity the error weights
     */
    public SearchProblem(String name, List<SearchUnit> units, long budgetBits, List<Double> sensitivity) {
        this(name, units, budgetBits, Map.of(), sensitivity);
    }

    /**
     * Returns the problems every strategy must solve (or, for those it declares it cannot work
     * on, refuse): equal-cost units with the budget exactly at a uniform level and between two,
     * units of different sizes (so a level step costs different amounts) with an exact and a
     * slack budget, units without level errors, two groups of binary units that must each drop
     * exactly two (depth pruning), two groups with their own budgets under a binding total, and
     * a space small enough to enumerate.
     *
     * @return the problems
     */
    public static List<SearchProblem> standard() {
        List<SearchProblem> problems = new ArrayList<>();
        int[] equal = {64, 64, 64, 64, 64, 64, 64, 64};
        int[] mixed = {16, 64, 64, 172, 16, 64, 172, 64, 16, 172};
        problems.add(of("equal-cost units, budget at uniform level 2", equal, 2, 0, true));
        problems.add(of("equal-cost units, budget between levels 1 and 2", equal, 2, 3 * 64, true));
        problems.add(of("unequal-cost units, budget at uniform level 2", mixed, 2, 0, true));
        problems.add(of("unequal-cost units, budget between levels 2 and 3", mixed, 3, 2 * 172, true));
        problems.add(of("unequal-cost units, budget at uniform level 4", mixed, 4, 0, true));
        problems.add(of("units without level errors, budget between levels 1 and 2", equal, 2, 3 * 64, false));
        problems.add(of("five unequal-cost units, budget between levels 2 and 3", new int[] {16, 64, 172, 64, 16},
                3, 172, true));
        problems.add(depth());
        problems.add(twoGroups());
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
     * @param errors whether the units carry their level errors
     * @return the problem
     */
    static SearchProblem of(String name, int[] sizes, int uniformLevel, long slackBits, boolean errors) {
        List<SearchUnit> units = new ArrayList<>();
        List<Double> sensitivity = new ArrayList<>();
        long budget = slackBits;
        for (int u = 0; u < sizes.length; u++) {
            // deterministic spread of sensitivities over two orders of magnitude
            double weight = Math.pow(10, ((u * 7) % sizes.length) * 2.0 / sizes.length - 1) * sizes[u];
            units.add(unit("unit-" + u, SearchUnit.DEFAULT_GROUP, sizes[u], BITS, weight, errors));
            budget += units.getLast().cost(uniformLevel);
            sensitivity.add(weight);
        }
        return new SearchProblem(name, units, budget, sensitivity);
    }

    /** Five attention and five MLP sub-blocks, kept (16 bits per parameter) or dropped; drop two of each. */
    private static SearchProblem depth() {
        List<SearchUnit> units = new ArrayList<>();
        List<Double> sensitivity = new ArrayList<>();
        Map<String, Long> groupBudgets = new LinkedHashMap<>();
        long total = 0;
        for (String group : List.of("attention", "mlp")) {
            int size = group.equals("attention") ? 256 : 688;
            for (int b = 0; b < 5; b++) {
                double weight = 1 + ((b * 3 + group.length()) % 5) * 0.7;
                units.add(unit(group + "-" + b, group, size, new long[] {16, 0}, weight, true));
                sensitivity.add(weight);
            }
            groupBudgets.put(group, 3 * 16L * size);
            total += 5 * 16L * size;
        }
        return new SearchProblem("two groups of binary units, each drops exactly 2 of 5", units, total, groupBudgets,
                sensitivity);
    }

    /** Two groups of unequal-cost units with budgets at uniform levels 1 and 3, under a total at levels 2 and 3. */
    private static SearchProblem twoGroups() {
        int[] sizes = {16, 64, 172, 64, 16, 172, 64, 16, 64, 172};
        List<SearchUnit> units = new ArrayList<>();
        List<Double> sensitivity = new ArrayList<>();
        Map<String, Long> groupBudgets = new LinkedHashMap<>();
        long total = 0;
        for (int u = 0; u < sizes.length; u++) {
            String group = u < 5 ? "first" : "second";
            double weight = Math.pow(10, ((u * 3) % sizes.length) * 2.0 / sizes.length - 1) * sizes[u];
            SearchUnit unit = unit("unit-" + u, group, sizes[u], BITS, weight, true);
            units.add(unit);
            sensitivity.add(weight);
            groupBudgets.merge(group, unit.cost(group.equals("first") ? 1 : 3), Long::sum);
            total += unit.cost(group.equals("first") ? 2 : 3);
        }
        return new SearchProblem("two groups with their own budgets under a binding total", units, total,
                groupBudgets, sensitivity);
    }

    private static SearchUnit unit(String name, String group, int size, long[] bits, double weight, boolean errors) {
        List<Long> costs = new ArrayList<>();
        List<Double> levelErrors = new ArrayList<>();
        for (int l = 0; l < bits.length; l++) {
            costs.add(bits[l] * size);
            levelErrors.add(weight * (Math.pow(2, l) - 1));
        }
        return new SearchUnit(name, group, costs, errors ? levelErrors : List.of());
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
        return space().cost(allocation);
    }

    /**
     * Returns whether an allocation meets the total and every group budget.
     *
     * @param allocation a valid allocation
     * @return whether it is feasible
     */
    public boolean fits(Allocation allocation) {
        return space().fits(allocation);
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
     * Returns the uniform allocation: the least compressed common level that meets every budget.
     *
     * @return the allocation
     */
    public Allocation uniform() {
        int levels = units.stream().mapToInt(SearchUnit::levelCount).min().orElse(0);
        for (int level = 0; level < levels; level++) {
            Allocation candidate = new Allocation(Collections.nCopies(units.size(), level));
            if (fits(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("problem " + name + " has no uniform allocation within its budgets");
    }

    /**
     * Returns the problem as a strategy sees it.
     *
     * @return the units and the budgets
     */
    public SearchSpace space() {
        return new SearchSpace(units, budgetBits, groupBudgetsBits);
    }

    @Override
    public String toString() {
        return name;
    }
}
