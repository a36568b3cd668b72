package dev.presso.plugins.baselines;

import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.SearchStrategyProvider;
import dev.presso.kernel.search.SearchUnit;
import dev.presso.tck.SearchStrategyContract;

/** Dynamic programming passes the search strategy conformance kit; it refuses units without level errors. */
class DynamicProgrammingConformanceTest implements SearchStrategyContract {
    @Override
    public SearchStrategyProvider provider() {
        return new DynamicProgrammingSearchProvider();
    }

    @Override
    public boolean refuses(SearchSpace space) {
        return !space.units().stream().allMatch(SearchUnit::hasErrors);
    }
}
