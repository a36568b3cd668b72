package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.FitnessOracle;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.SearchUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Gives every unit the same level index: the least compressed one whose total cost fits the
 * budget. Levels are ordered least to most compressed, so this is the first index that fits. The
 * oracle is never called: the choice depends on the costs alone.
 */
public final class UniformSearch implements SearchStrategy {
    /** The strategy's id. */
    public static final String ID = "uniform";

    /** Creates the strategy. */
    public UniformSearch() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Allocation search(SearchSpace space, FitnessOracle oracle, PluginContext context) {
        List<SearchUnit> units = space.units();
        if (units.isEmpty()) {
            return new Allocation(List.of());
        }
        int levels = levelCount(units);
        long cheapest = Long.MAX_VALUE;
        for (int level = 0; level < levels; level++) {
            context.cancellation().throwIfCancelled();
            int[] uniform = new int[units.size()];
            Arrays.fill(uniform, level);
            if (space.fits(uniform)) {
                return new Allocation(Collections.nCopies(units.size(), level));
            }
            cheapest = Math.min(cheapest, space.cost(uniform));
        }
        throw new PressoException(ID + ": no level fits the budget of " + space.budgetBits() + " bits"
                + (space.groupBudgetsBits().isEmpty() ? "" : " and the group budgets " + space.groupBudgetsBits())
                + "; the smallest total cost of one level for all " + units.size() + " units is " + cheapest
                + " bits; expected a budget of at least " + cheapest + " bits");
    }

    private static int levelCount(List<SearchUnit> units) {
        SearchUnit first = units.getFirst();
        for (SearchUnit unit : units) {
            if (unit.levelCostsBits().size() != first.levelCostsBits().size()) {
                throw new PressoException(ID + ": unit " + unit.name() + " offers " + unit.levelCostsBits().size()
                        + " levels but unit " + first.name() + " offers " + first.levelCostsBits().size()
                        + "; expected every unit to offer the same levels, since uniform gives all the same index");
            }
        }
        return first.levelCostsBits().size();
    }

}
