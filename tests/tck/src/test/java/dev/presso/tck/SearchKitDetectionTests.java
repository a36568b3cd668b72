package dev.presso.tck;

import dev.presso.kernel.search.SearchStrategyProvider;
import org.junit.jupiter.api.Test;

/**
 * Proves that the search strategy kit can fail: a correct toy strategy passes it, and each flawed
 * one fails exactly the tests that exercise the rule it breaks.
 */
class SearchKitDetectionTests {
    @Test
    void aCorrectStrategyPasses() {
        KitVerdict.run(Correct.class).assertAllPassed();
    }

    @Test
    void anAllocationOverBudgetIsCaught() {
        KitVerdict.run(OverBudget.class).assertFailuresOnly(name -> name.startsWith("fits the budget")
                || name.startsWith("cancelledDuring"), 3, "over the budget");
    }

    @Test
    void ignoringGroupBudgetsIsCaught() {
        KitVerdict.run(IgnoresGroupBudgets.class).assertFailuresOnly(name -> name.startsWith("fits the budget: two"),
                1, "over its budget");
    }

    @Test
    void acceptingAnUnknownSettingIsCaught() {
        KitVerdict.run(AcceptsUnknown.class).assertFailuresOnly(name -> name.startsWith("unknownSetting"), 1,
                "PressoException");
    }

    @Test
    void aNondeterministicStrategyIsCaught() {
        KitVerdict.run(Nondeterministic.class).assertFailuresOnly(
                name -> name.startsWith("same seed") || name.startsWith("no worse than uniform"), 5,
                "the same allocation");
    }

    @Test
    void ignoringCancellationIsCaught() {
        KitVerdict.run(IgnoresCancellation.class).assertFailuresOnly(name -> name.startsWith("cancelledBefore"), 1,
                "PressoException");
    }

    static class Correct implements SearchStrategyContract {
        @Override
        public SearchStrategyProvider provider() {
            return new ToySearchProvider(ToySearchProvider.Flaw.NONE);
        }
    }

    static class OverBudget implements SearchStrategyContract {
        @Override
        public SearchStrategyProvider provider() {
            return new ToySearchProvider(ToySearchProvider.Flaw.OVER_BUDGET);
        }
    }

    static class IgnoresGroupBudgets implements SearchStrategyContract {
        @Override
        public SearchStrategyProvider provider() {
            return new ToySearchProvider(ToySearchProvider.Flaw.IGNORES_GROUP_BUDGETS);
        }
    }

    static class AcceptsUnknown implements SearchStrategyContract {
        @Override
        public SearchStrategyProvider provider() {
            return new ToySearchProvider(ToySearchProvider.Flaw.ACCEPTS_UNKNOWN_SETTINGS);
        }
    }

    static class Nondeterministic implements SearchStrategyContract {
        private final SearchStrategyProvider provider = new ToySearchProvider(ToySearchProvider.Flaw.NONDETERMINISTIC);

        @Override
        public SearchStrategyProvider provider() {
            return provider;
        }
    }

    static class IgnoresCancellation implements SearchStrategyContract {
        @Override
        public SearchStrategyProvider provider() {
            return new ToySearchProvider(ToySearchProvider.Flaw.IGNORES_CANCELLATION);
        }
    }
}
