package dev.presso.tck;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.FitnessOracle;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchStrategyProvider;
import dev.presso.kernel.search.SearchUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A uniform-allocation provider for testing the search kit, correct or with one deliberate flaw.
 */
final class ToySearchProvider implements SearchStrategyProvider {
    /** The rule a toy breaks. */
    enum Flaw {
        NONE, OVER_BUDGET, IGNORES_GROUP_BUDGETS, ACCEPTS_UNKNOWN_SETTINGS, NONDETERMINISTIC, IGNORES_CANCELLATION
    }

    private final Flaw flaw;
    private final AtomicInteger runs = new AtomicInteger();

    ToySearchProvider(Flaw flaw) {
        this.flaw = flaw;
    }

    @Override
    public String id() {
        return "toy";
    }

    @Override
    public String description() {
        return "The least compressed common level that fits.";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(new PluginOption("verbose", "false", "ignored"));
    }

    @Override
    public SearchStrategy create(Map<String, String> settings) {
        for (String name : settings.keySet()) {
            if (!name.equals("verbose") && flaw != Flaw.ACCEPTS_UNKNOWN_SETTINGS) {
                throw new PressoException("toy: unknown setting '" + name + "'");
            }
        }
        return new SearchStrategy() {
            @Override
            public String id() {
                return "toy";
            }

            @Override
            public Allocation search(SearchSpace space, FitnessOracle oracle,
                    PluginContext context) {
                List<SearchUnit> units = space.units();
                long budgetBits = space.budgetBits();
                if (flaw != Flaw.IGNORES_CANCELLATION) {
                    context.cancellation().throwIfCancelled();
                }
                if (units.isEmpty()) {
                    return new Allocation(List.of());
                }
                int levels = units.stream().mapToInt(SearchUnit::levelCount).min().orElseThrow();
                for (int level = 0; level < levels; level++) {
                    Allocation uniform = new Allocation(Collections.nCopies(units.size(), level));
                    boolean fits = flaw == Flaw.IGNORES_GROUP_BUDGETS ? space.cost(uniform) <= budgetBits
                            : space.fits(uniform);
                    if (fits) {
                        List<Integer> allocation = new ArrayList<>(Collections.nCopies(units.size(), level));
                        if (flaw == Flaw.OVER_BUDGET) {
                            allocation.set(0, Math.max(0, level - 1));
                        }
                        if (flaw == Flaw.NONDETERMINISTIC && runs.incrementAndGet() % 2 == 0 && level + 1 < levels) {
                            allocation.set(0, level + 1);
                        }
                        oracle.fitness(new Allocation(allocation), 1);
                        return new Allocation(allocation);
                    }
                }
                throw new PressoException("toy: no level fits " + budgetBits + " bits");
            }
        };
    }
}
