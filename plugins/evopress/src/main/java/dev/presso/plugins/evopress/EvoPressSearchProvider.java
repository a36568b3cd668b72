package dev.presso.plugins.evopress;

import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchStrategyProvider;
import dev.presso.plugins.evopress.internal.EvoPressConfig;
import dev.presso.plugins.evopress.internal.EvoPressSearch;
import java.util.List;
import java.util.Map;

/**
 * Provides {@code evopress}: the (1+lambda) evolutionary search of EvoPress (ICML 2025). It starts
 * from the uniform allocation or, when none applies (a budget between levels, group budgets such
 * as depth pruning's "drop k of each kind"), from the best of {@code initially-generated} tight
 * random starts on {@code initial-tokens}. Each generation makes {@code offspring} distinct
 * children of the parent by 1 to {@code max-switches} level switches with explicit bit accounting
 * (or, under group budgets, 1 to {@code max-mutations} swaps inside a group), then keeps the best
 * through stages of growing token budgets ({@code survivors}, {@code tokens}); the parent rejoins
 * before the last stage. The parent's fitness is recorded as series {@code fitness} and every
 * generation is checkpointed, so a cancelled search resumes on the same trajectory.
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
        return "Evolutionary (1+lambda) search of per-unit levels with budget-preserving level switches (in-group"
                + " swaps under group budgets) and multi-step selection on growing token budgets.";
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
