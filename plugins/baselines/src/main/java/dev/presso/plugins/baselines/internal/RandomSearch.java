package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.pipeline.ProgressSink;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.FitnessOracle;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchUnit;
import java.util.ArrayList;
import java.util.List;
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
    public Allocation search(List<SearchUnit> units, long budgetBits, FitnessOracle oracle, PluginContext context) {
        if (units.isEmpty()) {
            return new Allocation(List.of());
        }
        long cheapest = units.stream().mapToLong(u -> u.levelCostsBits().getLast()).sum();
        if (cheapest > budgetBits) {
            throw new PressoException(ID + ": no allocation fits the budget of " + budgetBits + " bits; the most"
                    + " compressed level of every unit costs " + cheapest + " bits in total");
        }
        SplittableRandom random = new SplittableRandom(context.seed());
        List<Allocation> candidates = new ArrayList<>();
        uniform(units, budgetBits).ifPresent(candidates::add);
        while (candidates.size() < evaluations) {
            candidates.add(draw(units, budgetBits, random));
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

    private static java.util.Optional<Allocation> uniform(List<SearchUnit> units, long budgetBits) {
        int levels = units.stream().mapToInt(u -> u.levelCostsBits().size()).min().orElse(0);
        for (int level = 0; level < levels; level++) {
            int index = level;
            if (units.stream().mapToLong(u -> u.levelCostsBits().get(index)).sum() <= budgetBits) {
                return java.util.Optional.of(new Allocation(java.util.Collections.nCopies(units.size(), level)));
            }
        }
        return java.util.Optional.empty();
    }

    private static Allocation draw(List<SearchUnit> units, long budgetBits, SplittableRandom random) {
        int[] levels = new int[units.size()];
        long total = units.stream().mapToLong(u -> u.levelCostsBits().getFirst()).sum();
        while (total > budgetBits) {
            int unit = random.nextInt(units.size());
            List<Long> costs = units.get(unit).levelCostsBits();
            if (levels[unit] + 1 < costs.size()) {
                total += costs.get(levels[unit] + 1) - costs.get(levels[unit]);
                levels[unit]++;
            }
        }
        List<Integer> allocation = new ArrayList<>();
        for (int level : levels) {
            allocation.add(level);
        }
        return new Allocation(allocation);
    }
}
