package dev.presso.plugins.evopress;

import dev.presso.kernel.search.SearchStrategyProvider;
import dev.presso.tck.SearchStrategyContract;

/** EvoPress, with its default settings, passes the search strategy conformance kit. */
class EvoPressConformanceTest implements SearchStrategyContract {
    @Override
    public SearchStrategyProvider provider() {
        return new EvoPressSearchProvider();
    }
}
