package dev.presso.plugins.baselines;

import dev.presso.kernel.search.SearchStrategyProvider;
import dev.presso.tck.SearchStrategyContract;

/** Random search passes the search strategy conformance kit, never worse than uniform included. */
class RandomConformanceTest implements SearchStrategyContract {
    @Override
    public SearchStrategyProvider provider() {
        return new RandomSearchProvider();
    }
}
