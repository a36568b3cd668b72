package dev.presso.plugins.baselines;

import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.plugin.PluginSettings;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchStrategyProvider;
import dev.presso.plugins.baselines.internal.DynamicProgrammingSearch;
import java.util.List;
import java.util.Map;

/**
 * Provides {@code dp}: dynamic programming that minimises the sum of the units' layer-wise level
 * errors exactly under the total and group budgets (the error-additivity assumption EvoPress
 * questions). Needs level errors (a database); never calls the fitness oracle.
 *
 * @since 0.2
 */
public final class DynamicProgrammingSearchProvider implements SearchStrategyProvider {
    private static final List<PluginOption> OPTIONS = List.of(new PluginOption("max-cells", "50000000",
            "The largest table (cost states times units) to build, 1 to 2000000000; larger spaces are refused."));

    /** Creates the provider; cheap. */
    public DynamicProgrammingSearchProvider() {}

    @Override
    public String id() {
        return DynamicProgrammingSearch.ID;
    }

    @Override
    public String description() {
        return "Dynamic programming on summed layer-wise errors, exact under the total and group budgets.";
    }

    @Override
    public List<PluginOption> options() {
        return OPTIONS;
    }

    @Override
    public SearchStrategy create(Map<String, String> settings) {
        PluginSettings values = new PluginSettings("search " + id(), settings, OPTIONS);
        return new DynamicProgrammingSearch(values.integer("max-cells", 1L, 2_000_000_000L));
    }
}
