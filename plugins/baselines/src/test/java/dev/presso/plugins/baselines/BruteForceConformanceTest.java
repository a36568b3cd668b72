package dev.presso.plugins.baselines;

import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.SearchStrategyProvider;
import dev.presso.plugins.baselines.internal.BruteForceSearch;
import dev.presso.tck.SearchStrategyContract;

/** Brute force passes the search strategy conformance kit; it refuses spaces over its limit. */
class BruteForceConformanceTest implements SearchStrategyContract {
    @Override
    public SearchStrategyProvider provider() {
        return new BruteForceSearchProvider();
    }

    @Override
    public boolean refuses(SearchSpace space) {
        return BruteForceSearch.allocations(space) > BruteForceSearchProvider.DEFAULT_LIMIT;
    }
}
