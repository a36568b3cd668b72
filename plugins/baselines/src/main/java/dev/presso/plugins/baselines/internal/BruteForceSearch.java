package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.pipeline.ProgressSink;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.FitnessOracle;
import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Brute force, the ground truth for small spaces: every allocation is enumerated in
 * lexicographic order and every one that meets the budgets is scored on the same token draw; the
 * best wins (ties keep the earlier). With {@code maximal} (the default) only maximal allocations
 * are scored, those where no unit can be made one level less compressed within the budgets: the
 * allocations that spend the budget, such as exactly 2 of 5 attention and 2 of 5 MLP sub-blocks
 * dropped (100 allocations) rather than at least 2 (676). Refuses spaces of more than
 * {@code limit} allocations (the product of the units' level counts) before calling the oracle.
 */
public final class BruteForceSearch implements SearchStrategy {
    /** The strategy's id. */
    public static final String ID = "brute-force";

    private final long limit;
    private final long tokens;
    private final boolean maximal;

    /**
     * Creates the strategy.
     *
     * @param limit the most allocations it enumerates
     * @param tokens the token budget of each fitness call
     * @param maximal whether to score only maximal allocations: those where no unit can be made
     *     one level less compressed within the budgets
     */
    public BruteForceSearch(long limit, long tokens, boolean maximal) {
        this.limit = limit;
        this.tokens = tokens;
        this.maximal = maximal;
    }

    /**
     * Returns whether no unit of a feasible allocation can be made one level less compressed
     * within the budgets.
     *
     * @param space the space
     * @param levels a feasible allocation; restored before returning
     * @return whether it is maximal
     */
    static boolean maximal(SearchSpace space, int[] levels) {
        for (int u = 0; u < levels.length; u++) {
            if (levels[u] > 0) {
                levels[u]--;
                boolean fits = space.fits(levels);
                levels[u]++;
                if (fits) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Returns how many allocations a space has, or {@code Long.MAX_VALUE} when that overflows.
     *
     * @param space the space
     * @return the product of the units' level counts
     */
    public static long allocations(SearchSpace space) {
        long count = 1;
        for (SearchUnit unit : space.units()) {
            if (count > Long.MAX_VALUE / unit.levelCount()) {
                return Long.MAX_VALUE;
            }
            count *= unit.levelCount();
        }
        return count;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Allocation search(SearchSpace space, FitnessOracle oracle, PluginContext context) {
        context.cancellation().throwIfCancelled();
        List<SearchUnit> units = space.units();
        if (units.isEmpty()) {
            return new Allocation(List.of());
        }
        long count = allocations(space);
        if (count > limit) {
            throw new PressoException(ID + ": the space of " + units.size() + " units has "
                    + (count == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : Long.toString(count))
                    + " allocations; expected at most 'limit' " + limit + "; raise it or use another strategy");
        }
        List<int[]> feasible = new ArrayList<>();
        int[] levels = new int[units.size()];
        for (long i = 0; i < count; i++) {
            if (space.fits(levels) && (!maximal || maximal(space, levels))) {
                feasible.add(levels.clone());
            }
            for (int u = units.size() - 1; u >= 0 && ++levels[u] == units.get(u).levelCount(); u--) {
                levels[u] = 0;
            }
        }
        if (feasible.isEmpty()) {
            throw new PressoException(ID + ": none of the " + count + " allocations meets the budget of "
                    + space.budgetBits() + " bits" + (space.groupBudgetsBits().isEmpty() ? ""
                    : " and the group budgets " + space.groupBudgetsBits()) + "; the cheapest costs "
                    + space.cost(units.stream().mapToInt(u -> cheapestLevel(u)).toArray()) + " bits");
        }
        int[] best = feasible.getFirst();
        double bestFitness = Double.POSITIVE_INFINITY;
        try (ProgressSink progress = context.progress(ID, feasible.size())) {
            for (int[] candidate : feasible) {
                context.cancellation().throwIfCancelled();
                double fitness = oracle.fitness(new Allocation(Arrays.stream(candidate).boxed().toList()), tokens, 0);
                if (fitness < bestFitness) {
                    best = candidate;
                    bestFitness = fitness;
                }
                progress.advance(1);
            }
        }
        context.logger().log(System.Logger.Level.INFO, ID + ": scored " + feasible.size() + " feasible of " + count
                + " allocations; best fitness " + bestFitness);
        return new Allocation(Arrays.stream(best).boxed().toList());
    }

    private static int cheapestLevel(SearchUnit unit) {
        int best = 0;
        for (int l = 1; l < unit.levelCount(); l++) {
            if (unit.cost(l) < unit.cost(best)) {
                best = l;
            }
        }
        return best;
    }
}
