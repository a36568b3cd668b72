package dev.presso.tck;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.presso.fixtures.CountingPluginContext;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchStrategyProvider;
import dev.presso.tck.internal.Allocations;
import dev.presso.tck.internal.ProblemOracle;
import dev.presso.tck.internal.SearchProblem;
import dev.presso.tck.internal.TensorFreeContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance kit for {@link SearchStrategyProvider}s. A provider passes it in a few lines:
 *
 * <pre>{@code
 * class MySearchConformanceTest implements SearchStrategyContract {
 *     @Override
 *     public SearchStrategyProvider provider() {
 *         return new MySearchProvider();
 *     }
 * }
 * }</pre>
 *
 * <p>Strategies run on synthetic problems whose fitness is known and separable: 5 levels per unit
 * ordered least to most compressed, units of equal and of different sizes, budgets exactly at a
 * uniform level and between two, units with and without level errors, two groups of binary units
 * that must each drop exactly two (depth pruning), two groups with their own budgets under a
 * binding total, and a space of 3125 allocations. Every run gets a fresh context (seed 0, empty
 * checkpoints) whose tensors fail on use: a search computes through its oracle only.
 *
 * <h2>What is checked</h2>
 * <ul>
 *   <li>the provider: a non-blank id that its strategies share, distinct option names, defaults
 *       that {@code create} accepts, an unknown setting refused with a
 *       {@link PressoException} naming it;</li>
 *   <li>every allocation (returned or scored): one level index in range per unit; the returned
 *       one costs at most the budget and at most each group's budget; the oracle is asked for at
 *       least one token;</li>
 *   <li>a strategy that declares it cannot work on a space ({@link #refuses}, such as dynamic
 *       programming on units without level errors, or brute force over too many allocations)
 *       throws a {@link PressoException} there, without calling the oracle;</li>
 *   <li>the same seed gives the same allocation;</li>
 *   <li>a budget below the cheapest possible total is a {@link PressoException};</li>
 *   <li>a run cancelled before it starts throws a {@link PressoException} without calling the
 *       oracle, and one cancelled during its first oracle call ends (normally or with a
 *       {@code PressoException}) after fewer calls than an uncancelled run;</li>
 *   <li>no worse than uniform: the allocation's fitness is at most the uniform allocation's
 *       (opt out with {@link #expectsAtLeastUniform()} for strategies that do not promise it,
 *       such as random search).</li>
 * </ul>
 *
 * @since 1.0
 */
public interface SearchStrategyContract {
    /**
     * Returns the provider under test.
     *
     * @return a provider, fresh or shared
     */
    SearchStrategyProvider provider();

    /**
     * Returns the settings the kit creates strategies with; by default none, so every option
     * takes its default.
     *
     * @return the settings
     */
    default Map<String, String> settings() {
        return Map.of();
    }

    /**
     * Says whether the strategy promises a fitness at least as good as the uniform allocation's
     * on a noise-free problem whose budget fits a uniform level.
     *
     * @return {@code true} by default
     */
    default boolean expectsAtLeastUniform() {
        return true;
    }

    /**
     * Says whether the strategy cannot work on a space and refuses it with a
     * {@link PressoException} (for example it needs level errors the units lack, or the space is
     * too large to enumerate). The kit then expects that exception instead of an allocation; on
     * every other space it expects an allocation.
     *
     * @param space a problem's space
     * @return {@code false} by default: the strategy works on every space
     */
    default boolean refuses(SearchSpace space) {
        return false;
    }

    /** The provider describes itself and its options, and its defaults create a strategy. */
    @Test
    default void providerDescribesItselfAndAcceptsItsDefaults() {
        SearchStrategyProvider provider = provider();
        assertFalse(provider.id().isBlank(), "id() must not be blank");
        assertFalse(provider.description().isBlank(), "description() must not be blank");
        Set<String> names = new HashSet<>();
        Map<String, String> defaults = new HashMap<>();
        for (PluginOption option : provider.options()) {
            assertTrue(names.add(option.name()), "option " + option.name() + " is declared twice");
            defaults.put(option.name(), option.defaultValue());
        }
        assertEquals(provider.id(), provider.create(Map.of()).id(), "the strategy's id must be the provider's");
        assertEquals(provider.id(), provider.create(defaults).id(),
                "every option's default, given explicitly, must be accepted");
        assertEquals(provider.id(), provider.create(settings()).id());
    }

    /** An unknown setting is a PressoException that names it. */
    @Test
    default void unknownSettingIsRefusedByName() {
        Map<String, String> settings = new HashMap<>(settings());
        settings.put("no-such-setting-42", "7");
        PressoException e = assertThrows(PressoException.class, () -> provider().create(settings));
        assertTrue(String.valueOf(e.getMessage()).contains("no-such-setting-42"),
                "the message must name the unknown setting: " + e.getMessage());
    }

    /**
     * Every problem gets one level per unit within the budget, asking the oracle only about valid
     * allocations.
     *
     * @return one test per problem
     */
    @TestFactory
    default Stream<DynamicTest> allocationFitsTheBudget() {
        return SearchProblem.standard().stream().map(problem -> dynamicTest("fits the budget: " + problem.name(), () -> {
            ProblemOracle oracle = new ProblemOracle(problem);
            if (refuses(problem.space())) {
                assertThrows(PressoException.class, () -> run(problem, oracle, TensorFreeContext.create()),
                        "the strategy declares it refuses this space");
                assertEquals(0, oracle.calls(), "a refused space must not be scored");
                return;
            }
            Allocation allocation = run(problem, oracle, TensorFreeContext.create());
            assertEquals(List.of(), oracle.violations(), "the oracle was asked about invalid allocations");
            Allocations.validity(problem, allocation).ifPresent(message -> {
                throw new AssertionError(message);
            });
            long cost = problem.cost(allocation);
            assertTrue(cost <= problem.budgetBits(), "allocation " + allocation.levels() + " costs " + cost
                    + " bits, over the budget of " + problem.budgetBits());
            for (Map.Entry<String, Long> group : problem.groupBudgetsBits().entrySet()) {
                long spent = problem.space().groupCost(group.getKey(), problem.space().toArray(allocation));
                assertTrue(spent <= group.getValue(), "allocation " + allocation.levels() + " spends " + spent
                        + " bits on group " + group.getKey() + ", over its budget of " + group.getValue());
            }
        }));
    }

    /**
     * The same seed gives the same allocation.
     *
     * @return one test per problem
     */
    @TestFactory
    default Stream<DynamicTest> sameSeedSameAllocation() {
        return accepted().map(problem -> dynamicTest("same seed: " + problem.name(), () -> {
            Allocation first = run(problem, new ProblemOracle(problem), TensorFreeContext.create());
            Allocation second = run(problem, new ProblemOracle(problem), TensorFreeContext.create());
            assertEquals(first, second, "two runs with seed 0 must return the same allocation");
        }));
    }

    /**
     * The allocation is at least as fit as the uniform one.
     *
     * @return one test per problem
     */
    @TestFactory
    default Stream<DynamicTest> noWorseThanUniform() {
        return accepted().filter(p -> expectsAtLeastUniform()).map(problem ->
                dynamicTest("no worse than uniform: " + problem.name(), () -> {
                    Allocation allocation = run(problem, new ProblemOracle(problem), TensorFreeContext.create());
                    double uniform = problem.fitness(problem.uniform());
                    double found = problem.fitness(allocation);
                    assertTrue(found <= uniform * (1 + 1e-12), "allocation " + allocation.levels()
                            + " has fitness " + found + ", worse than uniform's " + uniform);
                }));
    }

    /** A budget below the cheapest possible total is a PressoException. */
    @Test
    default void impossibleBudgetIsRefused() {
        SearchProblem feasible = accepted().filter(p -> p.groupBudgetsBits().isEmpty()).findFirst().orElseThrow(
                () -> new AssertionError("the strategy refuses every problem of the kit"));
        SearchProblem impossible = new SearchProblem("impossible", feasible.units(), feasible.cheapestTotal() - 1,
                feasible.sensitivity());
        assertThrows(PressoException.class, () -> run(impossible, new ProblemOracle(impossible),
                TensorFreeContext.create()), "a budget of " + impossible.budgetBits() + " bits is below the cheapest"
                + " total " + feasible.cheapestTotal());
    }

    /** No units, no levels. */
    @Test
    default void noUnitsGiveAnEmptyAllocation() {
        SearchProblem empty = new SearchProblem("empty", List.of(), 0, List.of());
        assertEquals(new Allocation(List.of()), run(empty, new ProblemOracle(empty), TensorFreeContext.create()));
    }

    /** A run cancelled before it starts throws a PressoException without calling the oracle. */
    @Test
    default void cancelledBeforeStartThrows() {
        SearchProblem problem = accepted().findFirst().orElseThrow();
        CountingPluginContext context = TensorFreeContext.create();
        context.cancel();
        ProblemOracle oracle = new ProblemOracle(problem);
        assertThrows(PressoException.class, () -> run(problem, oracle, context));
        assertEquals(0, oracle.calls(), "a cancelled run must not call the oracle");
    }

    /** A run cancelled during its first oracle call stops early. */
    @Test
    default void cancelledDuringTheSearchStopsEarly() {
        SearchProblem problem = accepted().skip(1).findFirst().orElseGet(() -> accepted().findFirst().orElseThrow());
        ProblemOracle full = new ProblemOracle(problem);
        run(problem, full, TensorFreeContext.create());
        CountingPluginContext context = TensorFreeContext.create();
        ProblemOracle cancelling = new ProblemOracle(problem, context::cancel);
        try {
            Allocation allocation = run(problem, cancelling, context);
            assertTrue(problem.cost(allocation) <= problem.budgetBits(), "a run that returns must meet the budget");
        } catch (PressoException expected) {
            // stopping with a PressoException is the usual answer to cancellation
        }
        if (full.calls() > 1) {
            assertTrue(cancelling.calls() < full.calls(), "after cancellation the strategy made " + cancelling.calls()
                    + " oracle calls, as many as an uncancelled run (" + full.calls() + ")");
        }
    }

    private Stream<SearchProblem> accepted() {
        return SearchProblem.standard().stream().filter(problem -> !refuses(problem.space()));
    }

    private Allocation run(SearchProblem problem, ProblemOracle oracle, CountingPluginContext context) {
        SearchStrategy strategy = assertDoesNotThrow(() -> provider().create(settings()));
        return strategy.search(problem.space(), oracle, context);
    }
}
