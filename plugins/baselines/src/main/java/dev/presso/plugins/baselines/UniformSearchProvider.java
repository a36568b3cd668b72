package dev.presso.plugins.baselines;

import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.plugin.PluginSettings;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchStrategyProvider;
import dev.presso.plugins.baselines.internal.UniformSearch;
import java.util.List;
import java.util.Map;

/**
 * Provides {@code uniform}: every unit gets the same level index, the least compressed one whose
 * total cost fits the budget. It never calls the fitness oracle; when not even the most compressed
 * level fits, it fails naming the budget and the smallest possible total.
 *
 * @since 0.1
 */
public final class UniformSearchProvider implements SearchStrategyProvider {
    /** Creates the provider; cheap. */
    public UniformSearchProvider() {}

    @Override
    public String id() {
        return UniformSearch.ID;
    }

    @Override
    public String description() {
        return "The same level for every unit: the least compressed one whose total cost fits the budget.";
    }

    @Override
    public List<PluginOption> options() {
        return List.of();
    }

    @Override
    public SearchStrategy create(Map<String, String> settings) {
        new PluginSettings("search " + id(), settings, options());
        return new UniformSearch();
    }
}
