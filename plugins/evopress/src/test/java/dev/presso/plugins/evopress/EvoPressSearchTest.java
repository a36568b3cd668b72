package dev.presso.plugins.evopress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.fixtures.CountingPluginContext;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.FitnessOracle;
import dev.presso.kernel.tensor.Tensors;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** EvoPress on synthetic problems whose per-unit errors are known and far from uniform. */
class EvoPressSearchTest {
    private static final String CHECKPOINT = "evopress-state";
    private static final int[] EQUAL = {64, 64, 64, 64, 64, 64, 64, 64, 64, 64};
    private static final int[] MIXED = {64, 172, 64, 172, 64, 172, 64, 172, 64, 172};
    private static final double[] SENSITIVITY = {0.1, 9, 0.5, 3, 0.2, 6, 1, 0.05, 4, 2};

    static CountingPluginContext context() {
        return new CountingPluginContext((Tensors) Proxy.newProxyInstance(Tensors.class.getClassLoader(),
                new Class<?>[] {Tensors.class}, (proxy, method, args) -> {
                    throw new AssertionError("a search needs no tensors");
                }));
    }

    static Allocation search(Map<String, String> settings, Separable problem, long budget,
            CountingPluginContext context) {
        return new EvoPressSearchProvider().create(settings).search(new SearchSpace(problem.units, budget), problem, context);
    }

    @Test
    void beatsUniformAtEqualBudgetWithEqualCostUnits() {
        Separable problem = new Separable(EQUAL, SENSITIVITY, 0.05);
        long budget = problem.uniformBudget(3);
        Allocation found = search(Map.of(), problem, budget, context());
        double uniform = problem.exact(new Allocation(Collections.nCopies(EQUAL.length, 3)));
        System.out.printf("equal-cost: evopress %s fitness %.4f, uniform %.4f%n", found.levels(), problem.exact(found),
                uniform);
        assertEquals(budget, problem.cost(found), "equal-cost switches keep the total exactly");
        assertTrue(problem.exact(found) < 0.5 * uniform, "evopress " + found.levels() + " fitness "
                + problem.exact(found) + " against uniform " + uniform);
    }

    @Test
    void beatsUniformAtEqualBudgetWithUnequalCostUnits() {
        Separable problem = new Separable(MIXED, SENSITIVITY, 0.05);
        long budget = problem.uniformBudget(3);
        Allocation found = search(Map.of("generations", "100"), problem, budget, context());
        double uniform = problem.exact(new Allocation(Collections.nCopies(MIXED.length, 3)));
        System.out.printf("unequal-cost: evopress %s fitness %.4f cost %d, uniform %.4f budget %d%n", found.levels(),
                problem.exact(found), problem.cost(found), uniform, budget);
        assertTrue(problem.cost(found) <= budget, "cost " + problem.cost(found) + " over " + budget);
        assertTrue(problem.exact(found) < 0.7 * uniform, "evopress " + found.levels() + " fitness "
                + problem.exact(found) + " against uniform " + uniform);
    }

    @Test
    void startsFromRandomTighteningsWhenNoUniformLevelMeetsTheBudget() {
        Separable problem = new Separable(MIXED, SENSITIVITY, 0);
        long budget = (problem.uniformBudget(2) + problem.uniformBudget(3)) / 2;
        Allocation found = search(Map.of(), problem, budget, context());
        double uniform = problem.exact(new Allocation(Collections.nCopies(MIXED.length, 3)));
        assertTrue(problem.cost(found) <= budget);
        assertTrue(problem.exact(found) < uniform, found.levels() + " against uniform level 3");
    }

    @Test
    void theSeedOffsetDrawsAnotherTrajectoryAndTheSameOneRepeats() {
        Separable problem = new Separable(EQUAL, SENSITIVITY, 0.3);
        long budget = problem.uniformBudget(3);
        Map<String, String> few = Map.of("generations", "5");
        Allocation first = search(few, problem, budget, context());
        assertEquals(first, search(few, problem, budget, context()));
        assertNotEquals(first, search(Map.of("generations", "5", "seed-offset", "1"), problem, budget, context()));
    }

    @Test
    void aCancelledSearchResumesOnTheSameTrajectory() {
        Separable problem = new Separable(MIXED, SENSITIVITY, 0.3);
        long budget = problem.uniformBudget(3);
        Map<String, String> settings = Map.of("generations", "30");
        Allocation uninterrupted = search(settings, problem, budget, context());
        int fullCalls = problem.calls;

        CountingPluginContext interrupted = context();
        FitnessOracle cancelAfterTen = (allocation, tokens) -> {
            if (interrupted.steps() >= 10) {
                interrupted.cancel();
            }
            return problem.fitness(allocation, tokens);
        };
        assertThrows(PressoException.class, () -> new EvoPressSearchProvider().create(settings)
                .search(new SearchSpace(problem.units, budget), cancelAfterTen, interrupted));
        assertEquals(10, interrupted.steps(), "one progress step per completed generation");
        byte[] saved = interrupted.checkpoints().load(CHECKPOINT).orElseThrow();

        CountingPluginContext resumed = context();
        resumed.checkpoints().save(CHECKPOINT, saved);
        problem.calls = 0;
        assertEquals(uninterrupted, search(settings, problem, budget, resumed));
        assertEquals(30, resumed.steps());
        assertTrue(problem.calls < fullCalls * 0.8, "the resumed run redid work: " + problem.calls + " of "
                + fullCalls + " calls");
    }

    @Test
    void aCheckpointOfAnotherProblemIsIgnored() {
        Separable problem = new Separable(EQUAL, SENSITIVITY, 0);
        CountingPluginContext context = context();
        search(Map.of("generations", "3"), problem, problem.uniformBudget(2), context);
        Optional<byte[]> other = context.checkpoints().load(CHECKPOINT);
        CountingPluginContext fresh = context();
        Allocation expected = search(Map.of("generations", "3"), problem, problem.uniformBudget(3), fresh);
        CountingPluginContext stale = context();
        stale.checkpoints().save(CHECKPOINT, other.orElseThrow());
        assertEquals(expected, search(Map.of("generations", "3"), problem, problem.uniformBudget(3), stale));
    }

    @Test
    void badSettingsAreNamed() {
        EvoPressSearchProvider provider = new EvoPressSearchProvider();
        assertMessage(() -> provider.create(Map.of("generations", "-1")), "'generations' is \"-1\"");
        assertMessage(() -> provider.create(Map.of("tokens", "512")), "'tokens' is \"512\"");
        assertMessage(() -> provider.create(Map.of("survivors", "1,4", "tokens", "1,2")), "non-increasing");
        assertMessage(() -> provider.create(Map.of("survivors", "4,2", "tokens", "1,2")), "keeps 1");
        assertMessage(() -> provider.create(Map.of("max-switches", "x")), "'max-switches' is \"x\"");
        assertMessage(() -> provider.create(Map.of("generation", "5")),
                "search evopress: unknown setting 'generation' (value \"5\"); did you mean 'generations'?");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        PressoException e = assertThrows(PressoException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
