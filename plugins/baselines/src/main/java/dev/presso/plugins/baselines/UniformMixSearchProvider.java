package dev.presso.plugins.baselines;

import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.plugin.PluginSettings;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchStrategyProvider;
import dev.presso.plugins.baselines.internal.UniformMixSearch;
import java.util.List;
import java.util.Map;

/**
 * Provides {@code uniform-mix}: the uniform allocation, then the units of the first and last
 * decoder blocks (then the others, in order) one level less compressed at a time while the
 * budgets hold — the "first and last layers at higher bits" heuristic. Never calls the oracle.
 *
 * @since 0.2
 */
public final class UniformMixSearchProvider implements SearchStrategyProvider {
    /** Creates the provider; cheap. */
    public UniformMixSearchProvider() {}

    @Override
    public String id() {
        return UniformMixSearch.ID;
    }

    @Override
    public String description() {
        return "Uniform, then the first and last blocks' units (then the rest) raised a level at a time while the"
                + " budgets hold.";
    }

    @Override
    public List<PluginOption> options() {
        return List.of();
    }

    @Override
    public SearchStrategy create(Map<String, String> settings) {
        new PluginSettings("search " + id(), settings, options());
        return new UniformMixSearch();
    }
}
