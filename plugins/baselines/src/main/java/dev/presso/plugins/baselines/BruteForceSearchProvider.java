package dev.presso.plugins.baselines;

import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.plugin.PluginSettings;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchStrategyProvider;
import dev.presso.plugins.baselines.internal.BruteForceSearch;
import java.util.List;
import java.util.Map;

/**
 * Provides {@code brute-force}: every allocation that meets the budgets (by default only the
 * maximal ones, which spend the budget), scored on the same token draw; the best wins. The ground
 * truth for small spaces; larger ones are refused.
 *
 * @since 0.2
 */
public final class BruteForceSearchProvider implements SearchStrategyProvider {
    /** The default for {@code limit}. */
    public static final long DEFAULT_LIMIT = 20_000;
    private static final List<PluginOption> OPTIONS = List.of(
            new PluginOption("limit", Long.toString(DEFAULT_LIMIT), "The most allocations (the product of the"
                    + " units' level counts) to enumerate, 1 to 100000000; larger spaces are refused."),
            new PluginOption("tokens", "4096", "Selection tokens per fitness evaluation, at least 1."),
            new PluginOption("maximal", "true", "true: score only allocations where no unit can be made one level"
                    + " less compressed within the budgets (for depth pruning, exactly k dropped per group); false:"
                    + " every allocation that meets the budgets."));

    /** Creates the provider; cheap. */
    public BruteForceSearchProvider() {}

    @Override
    public String id() {
        return BruteForceSearch.ID;
    }

    @Override
    public String description() {
        return "Every allocation that meets the budgets, scored on the same tokens; the best wins.";
    }

    @Override
    public List<PluginOption> options() {
        return OPTIONS;
    }

    @Override
    public SearchStrategy create(Map<String, String> settings) {
        PluginSettings values = new PluginSettings("search " + id(), settings, OPTIONS);
        return new BruteForceSearch(values.integer("limit", 1L, 100_000_000L), values.integer("tokens", 1L,
                Long.MAX_VALUE), values.flag("maximal"));
    }
}
