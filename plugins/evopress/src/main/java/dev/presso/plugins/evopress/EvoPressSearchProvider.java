package dev.presso.plugins.evopress;

import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchStrategyProvider;
import dev.presso.plugins.evopress.internal.EvoPressConfig;
import dev.presso.plugins.evopress.internal.EvoPressSearch;
import java.util.List;
import java.util.Map;

/**
 * Provides {@code evopress}: the (1+lambda) evolutionary search of EvoPress (ICML 2025). Each
 * generation makes {@code offspring} distinct children of the parent allocation by 1 to
 * {@code max-switches} budget-preserving level switches, then keeps the best through stages of
 * growing token budgets ({@code survivors}, {@code tokens}); the parent rejoins before the last
 * stage. Every generation is checkpointed, so a cancelled search resumes on the same trajectory.
 *
 * @since 0.1
 */
public final class EvoPressSearchProvider implements SearchStrategyProvider {
    /** Creates the provider; cheap. */
    public EvoPressSearchProvider() {}

    @Override
    public String id() {
        return EvoPressSearch.ID;
    }

    @Override
    public String description() {
        return "Evolutionary (1+lambda) search of per-unit levels with budget-preserving level switches and"
                + " multi-step selection on growing token budgets.";
    }

    @Override
    public List<PluginOption> options() {
        return EvoPressConfig.OPTIONS;
    }

    @Override
    public SearchStrategy create(Map<String, String> settings) {
        return new EvoPressSearch(EvoPressConfig.parse(settings));
    }
}
