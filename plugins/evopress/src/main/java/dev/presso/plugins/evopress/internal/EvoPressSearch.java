package dev.presso.plugins.evopress.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.CancellationToken;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.pipeline.ProgressSink;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.FitnessOracle;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.SearchUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The (1+lambda) evolutionary search of EvoPress: start (see {@link InitialAllocation}; the start
 * candidates are scored on {@code initial-tokens} and the best becomes the parent), then per
 * generation make {@code offspring} distinct children by {@link LevelSwitch} (copies of the parent
 * rejected), keep one by {@link MultiStepSelection} with the parent rejoining before the last
 * stage, record the parent's fitness in the {@value #FITNESS_SERIES} series, and checkpoint. Generation {@code g} draws its random numbers from a generator seeded by
 * the run's seed, the {@code seed-offset} and {@code g}; a search that finds a checkpoint of the
 * same problem and settings continues from it on the same trajectory.
 */
public final class EvoPressSearch implements SearchStrategy {
    /** The strategy's id. */
    public static final String ID = "evopress";
    /** The series of the parent's last-stage fitness per generation (0 = the start). */
    public static final String FITNESS_SERIES = "fitness";
    private static final long GENERATION_MIX = 0xD1B54A32D192ED03L;

    private final EvoPressConfig config;

    /**
     * Creates the strategy.
     *
     * @param config its settings
     */
    public EvoPressSearch(EvoPressConfig config) {
        this.config = config;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Allocation search(SearchSpace space, FitnessOracle oracle, PluginContext context) {
        List<SearchUnit> units = space.units();
        CancellationToken cancellation = context.cancellation();
        cancellation.throwIfCancelled();
        if (units.isEmpty()) {
            return new Allocation(List.of());
        }
        CostModel costs = new CostModel(space);
        if (!costs.fits(costs.cheapestLevels())) {
            long cheapest = costs.total(costs.cheapestLevels());
            throw new PressoException(ID + ": no allocation fits the budget of " + space.budgetBits() + " bits"
                    + (space.groupBudgetsBits().isEmpty() ? "" : " and the group budgets " + space.groupBudgetsBits())
                    + "; the cheapest levels of all " + units.size() + " units total " + cheapest
                    + " bits; expected a budget of at least " + cheapest + " bits");
        }
        long seed = context.seed() + config.seedOffset();
        long digest = (costs.digest() * 1_000_003L + config.trajectoryDigest()) * 1_000_003L + seed;
        MultiStepSelection selection = new MultiStepSelection(config.stages());
        CountingOracle counted = new CountingOracle(oracle);
        SearchCheckpoint state = resume(context, digest, costs)
                .orElseGet(() -> start(costs, digest, seed, counted, context));
        LevelSwitch mutation = new LevelSwitch(costs, config.maxSwitches(), config.maxMutations());
        try (ProgressSink progress = context.progress(ID, config.generations())) {
            progress.advance(Math.min(state.generation(), config.generations()));
            for (int g = state.generation() + 1; g <= config.generations(); g++) {
                cancellation.throwIfCancelled();
                List<int[]> children = offspring(state.levels(), mutation, generator(seed, g));
                MultiStepSelection.Winner winner = selection.select(children, state.levels(), counted, g,
                        cancellation);
                state = new SearchCheckpoint(digest, g, winner.fitness(), winner.levels());
                context.checkpoints().save(SearchCheckpoint.NAME, state.encode());
                context.record(FITNESS_SERIES, g, winner.fitness());
                progress.advance(1);
                progress.status(String.format(Locale.ROOT, "generation %d/%d fitness %.6g", g, config.generations(),
                        winner.fitness()));
            }
        }
        context.logger().log(System.Logger.Level.INFO, ID + ": " + counted.calls() + " fitness evaluations in this"
                + " call, " + counted.tokens() + " tokens; best fitness " + state.fitness() + " after generation "
                + state.generation());
        if (!costs.fits(state.levels())) {
            throw new IllegalStateException(ID + ": the allocation costs " + costs.total(state.levels())
                    + " bits, over the budget of " + space.budgetBits() + " bits or a group budget");
        }
        return MultiStepSelection.allocation(state.levels());
    }

    private SearchCheckpoint start(CostModel costs, long digest, long seed, FitnessOracle oracle,
            PluginContext context) {
        List<int[]> candidates = InitialAllocation.candidates(costs, config.initiallyGenerated(), generator(seed, 0));
        MultiStepSelection initial = new MultiStepSelection(List.of(new Stage(1, config.initialTokens())));
        MultiStepSelection.Winner winner = initial.select(candidates, null, oracle, 0, context.cancellation());
        SearchCheckpoint state = new SearchCheckpoint(digest, 0, winner.fitness(), winner.levels());
        context.checkpoints().save(SearchCheckpoint.NAME, state.encode());
        context.record(FITNESS_SERIES, 0, winner.fitness());
        return state;
    }

    private static Optional<SearchCheckpoint> resume(PluginContext context, long digest, CostModel costs) {
        Optional<SearchCheckpoint> saved = context.checkpoints().load(SearchCheckpoint.NAME)
                .flatMap(SearchCheckpoint::decode);
        if (saved.isEmpty()) {
            return saved;
        }
        SearchCheckpoint state = saved.get();
        if (state.digest() != digest || state.levels().length != costs.units() || !inRange(state.levels(), costs)
                || !costs.fits(state.levels()) || state.generation() < 0) {
            context.logger().log(System.Logger.Level.WARNING, ID + ": checkpoint '" + SearchCheckpoint.NAME
                    + "' belongs to another problem, seed or settings; starting over");
            return Optional.empty();
        }
        context.logger().log(System.Logger.Level.INFO, ID + ": resuming after generation " + state.generation());
        return saved;
    }

    private static boolean inRange(int[] levels, CostModel costs) {
        for (int u = 0; u < levels.length; u++) {
            if (levels[u] < 0 || levels[u] >= costs.levels(u)) {
                return false;
            }
        }
        return true;
    }

    private List<int[]> offspring(int[] parent, LevelSwitch mutation, SplittableRandom rng) {
        List<int[]> children = new ArrayList<>();
        int attempts = 20 * config.offspring();
        for (int a = 0; a < attempts && children.size() < config.offspring(); a++) {
            int[] child = mutation.mutate(parent, rng);
            if (child != null && !Arrays.equals(child, parent)
                    && children.stream().noneMatch(c -> Arrays.equals(c, child))) {
                children.add(child);
            }
        }
        return children;
    }

    private static SplittableRandom generator(long seed, int generation) {
        return new SplittableRandom(Long.rotateLeft(seed, 17) ^ ((generation + 1) * GENERATION_MIX));
    }
}
