package dev.presso.plugins.baselines;

import dev.presso.kernel.search.SearchStrategyProvider;
import dev.presso.tck.SearchStrategyContract;

/** The uniform-mix heuristic passes the search strategy conformance kit, never worse than uniform included. */
class UniformMixConformanceTest implements SearchStrategyContract {
    @Override
    public SearchStrategyProvider provider() {
        return new UniformMixSearchProvider();
    }
}
