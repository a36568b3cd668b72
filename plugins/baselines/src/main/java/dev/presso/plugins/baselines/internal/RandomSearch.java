package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.pipeline.ProgressSink;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.FitnessOracle;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.SearchUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Random search, the control EvoPress is measured against with the same number of fitness
 * evaluations: candidates are drawn by starting every unit at its least compressed level and
 * compressing uniformly chosen units one level at a time until the budget holds; each is scored
 * on the same token draw, and the best wins. The uniform allocation, when one fits, is the first
 * candidate, so the result is never worse than uniform on that draw. Deterministic for a seed.
 */
public final class RandomSearch implements SearchStrategy {
    /** The strategy's id. */
    public static final String ID = "random";

    private final int evaluations;
    private final long tokens;

    /**
     * Creates the strategy.
     *
     * @param evaluations how many candidates to score, at least 1
     * @param tokens the token budget of each fitness call
     */
    public RandomSearch(int evaluations, long tokens) {
        this.evaluations = evaluations;
        this.tokens = tokens;
    }

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
        int[] mostCompressed = units.stream().mapToInt(u -> u.levelCount() - 1).toArray();
        if (!space.fits(mostCompressed)) {
            throw new PressoException(ID + ": no allocation fits the budget of " + space.budgetBits() + " bits"
                    + (space.groupBudgetsBits().isEmpty() ? "" : " and the group budgets " + space.groupBudgetsBits())
                    + "; the most compressed level of every unit costs " + space.cost(mostCompressed)
                    + " bits in total");
        }
        SplittableRandom random = new SplittableRandom(context.seed());
        List<Allocation> candidates = new ArrayList<>();
        uniform(space).ifPresent(candidates::add);
        while (candidates.size() < evaluations) {
            candidates.add(draw(space, random));
        }
        Allocation best = candidates.getFirst();
        double bestFitness = Double.POSITIVE_INFINITY;
        try (ProgressSink progress = context.progress(ID, candidates.size())) {
            for (Allocation candidate : candidates) {
                context.cancellation().throwIfCancelled();
                double fitness = oracle.fitness(candidate, tokens, 0);
                if (fitness < bestFitness) {
                    best = candidate;
                    bestFitness = fitness;
                }
                progress.advance(1);
            }
        }
        return best;
    }

    private static Optional<Allocation> uniform(SearchSpace space) {
        int levels = space.units().stream().mapToInt(SearchUnit::levelCount).min().orElse(0);
        for (int level = 0; level < levels; level++) {
            int[] uniform = new int[space.units().size()];
            Arrays.fill(uniform, level);
            if (space.fits(uniform)) {
                return Optional.of(new Allocation(Collections.nCopies(uniform.length, level)));
            }
        }
        return Optional.empty();
    }

    private static Allocation draw(SearchSpace space, SplittableRandom random) {
        int[] levels = new int[space.units().size()];
        for (List<Integer> open = space.unitsOverBudget(levels); !open.isEmpty(); open = space.unitsOverBudget(levels)) {
            levels[open.get(random.nextInt(open.size()))]++;
        }
        return new Allocation(Arrays.stream(levels).boxed().toList());
    }
}
