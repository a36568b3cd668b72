package dev.presso.kernel.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a search chooses from: the units with their levels, a total budget, and optionally a budget
 * per group of units. An allocation is feasible when its total cost is at most
 * {@link #budgetBits()} and, for every group with a budget, the cost of that group's units is at
 * most the group's budget (for example "drop exactly two attention and two MLP sub-blocks": kept
 * sub-blocks cost their bits, dropped ones nothing, and each group's budget admits three kept).
 *
 * @param units the units, in the order of an allocation's levels; copied
 * @param budgetBits the largest allowed total cost in bits
 * @param groupBudgetsBits the largest allowed cost of each named group's units; copied; each name
 *     must be the group of at least one unit
 * @since 1.0
 */
public record SearchSpace(List<SearchUnit> units, long budgetBits, Map<String, Long> groupBudgetsBits) {
    /**
     * Validates and copies the components.
     *
     * @param units the units
     * @param budgetBits the total budget
     * @param groupBudgetsBits the group budgets
     */
    public SearchSpace {
        units = List.copyOf(units);
        groupBudgetsBits = Map.copyOf(groupBudgetsBits);
        for (String group : groupBudgetsBits.keySet()) {
            if (units.stream().noneMatch(unit -> unit.group().equals(group))) {
                throw new IllegalArgumentException("a budget names group " + group + ", which no unit belongs to");
            }
        }
    }

    /**
     * A space with a total budget only.
     *
     * @param units the units
     * @param budgetBits the total budget
     */
    public SearchSpace(List<SearchUnit> units, long budgetBits) {
        this(units, budgetBits, Map.of());
    }

    /**
     * Returns the total cost of an allocation.
     *
     * @param levels one level index per unit
     * @return the cost in bits
     */
    public long cost(int[] levels) {
        requireSize(levels);
        long total = 0;
        for (int u = 0; u < levels.length; u++) {
            total = Math.addExact(total, units.get(u).cost(levels[u]));
        }
        return total;
    }

    /**
     * Returns the total cost of an allocation.
     *
     * @param allocation one level index per unit
     * @return the cost in bits
     */
    public long cost(Allocation allocation) {
        return cost(toArray(allocation));
    }

    /**
     * Returns the cost of one group's units in an allocation.
     *
     * @param group a group name
     * @param levels one level index per unit
     * @return the cost in bits of the units of that group
     */
    public long groupCost(String group, int[] levels) {
        requireSize(levels);
        long total = 0;
        for (int u = 0; u < levels.length; u++) {
            if (units.get(u).group().equals(group)) {
                total = Math.addExact(total, units.get(u).cost(levels[u]));
            }
        }
        return total;
    }

    /**
     * Returns whether an allocation meets the total budget and every group budget.
     *
     * @param levels one level index per unit
     * @return whether it is feasible
     */
    public boolean fits(int[] levels) {
        if (cost(levels) > budgetBits) {
            return false;
        }
        for (Map.Entry<String, Long> budget : groupBudgetsBits.entrySet()) {
            if (groupCost(budget.getKey(), levels) > budget.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns whether an allocation meets the total budget and every group budget.
     *
     * @param allocation one level index per unit
     * @return whether it is feasible
     */
    public boolean fits(Allocation allocation) {
        return fits(toArray(allocation));
    }

    /**
     * Returns the units that can take one more compressed level and that count against a budget
     * the allocation exceeds: every unit with a next level when the total is over budget, else
     * the units of the groups that are over their budgets. Compressing one of them is how random
     * starts and repairs move an allocation towards feasibility.
     *
     * @param levels one level index per unit
     * @return the unit indices, empty when the allocation fits or no unit can be compressed further
     */
    public List<Integer> unitsOverBudget(int[] levels) {
        boolean totalOver = cost(levels) > budgetBits;
        List<Integer> indices = new ArrayList<>();
        for (int u = 0; u < levels.length; u++) {
            SearchUnit unit = units.get(u);
            Long groupBudget = groupBudgetsBits.get(unit.group());
            boolean over = totalOver || (groupBudget != null && groupCost(unit.group(), levels) > groupBudget);
            if (over && levels[u] + 1 < unit.levelCount()) {
                indices.add(u);
            }
        }
        return indices;
    }

    /**
     * Returns the groups of the units, in order of first appearance.
     *
     * @return the group names
     */
    public List<String> groups() {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        units.forEach(unit -> seen.put(unit.group(), Boolean.TRUE));
        return new ArrayList<>(seen.keySet());
    }

    /**
     * Returns the indices of the units of one group, in unit order.
     *
     * @param group a group name
     * @return the unit indices
     */
    public List<Integer> unitsOf(String group) {
        List<Integer> indices = new ArrayList<>();
        for (int u = 0; u < units.size(); u++) {
            if (units.get(u).group().equals(group)) {
                indices.add(u);
            }
        }
        return indices;
    }

    /**
     * Returns the allocation of the levels in an array.
     *
     * @param allocation an allocation of this space
     * @return its levels as an array
     */
    public int[] toArray(Allocation allocation) {
        Objects.requireNonNull(allocation, "allocation must not be null");
        return allocation.levels().stream().mapToInt(Integer::intValue).toArray();
    }

    private void requireSize(int[] levels) {
        if (levels.length != units.size()) {
            throw new IllegalArgumentException("an allocation of " + levels.length + " levels for a space of "
                    + units.size() + " units");
        }
    }
}
