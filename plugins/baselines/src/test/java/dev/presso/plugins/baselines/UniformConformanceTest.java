package dev.presso.plugins.baselines;

import dev.presso.kernel.search.SearchStrategyProvider;
import dev.presso.tck.SearchStrategyContract;

/** The uniform allocation passes the search strategy conformance kit. */
class UniformConformanceTest implements SearchStrategyContract {
    @Override
    public SearchStrategyProvider provider() {
        return new UniformSearchProvider();
    }
}
