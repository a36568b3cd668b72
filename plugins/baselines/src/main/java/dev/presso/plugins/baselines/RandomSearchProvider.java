package dev.presso.plugins.baselines;

import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.plugin.PluginSettings;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchStrategyProvider;
import dev.presso.plugins.baselines.internal.RandomSearch;
import java.util.List;
import java.util.Map;

/**
 * Provides {@code random}: random budget-feasible allocations (the uniform one first), each scored
 * once on the same token draw; the best wins. The control for EvoPress at an equal number of
 * fitness evaluations.
 *
 * @since 0.1
 */
public final class RandomSearchProvider implements SearchStrategyProvider {
    private static final List<PluginOption> OPTIONS = List.of(
            new PluginOption("evaluations", "64", "How many allocations to score, 1 to 1000000."),
            new PluginOption("tokens", "4096", "Selection tokens per fitness evaluation, at least 1."));

    /** Creates the provider; cheap. */
    public RandomSearchProvider() {}

    @Override
    public String id() {
        return RandomSearch.ID;
    }

    @Override
    public String description() {
        return "Random budget-feasible allocations scored once each on the same tokens; the best wins.";
    }

    @Override
    public List<PluginOption> options() {
        return OPTIONS;
    }

    @Override
    public SearchStrategy create(Map<String, String> settings) {
        PluginSettings values = new PluginSettings("search " + id(), settings, OPTIONS);
        return new RandomSearch(values.integer("evaluations", 1, 1_000_000),
                values.integer("tokens", 1L, Long.MAX_VALUE));
    }
}
