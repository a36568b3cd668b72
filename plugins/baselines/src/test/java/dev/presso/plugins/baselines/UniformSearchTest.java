package dev.presso.plugins.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.fixtures.CountingPluginContext;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.FitnessOracle;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchUnit;
import dev.presso.kernel.tensor.Tensors;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The uniform allocation: the least compressed common level that fits, chosen from costs alone. */
class UniformSearchTest {
    /** An oracle that fails the test if the strategy consults it. */
    private static final FitnessOracle UNUSED = (allocation, tokens) -> {
        throw new AssertionError("uniform must not call the oracle");
    };
    private static final CountingPluginContext CONTEXT = new CountingPluginContext(
            (Tensors) Proxy.newProxyInstance(Tensors.class.getClassLoader(),
                    new Class<?>[] {Tensors.class}, (proxy, method, args) -> {
                        throw new AssertionError("uniform needs no tensors");
                    }));

    private static final List<SearchUnit> UNITS = List.of(
            new SearchUnit("a", List.of(800L, 400L, 200L, 100L)),
            new SearchUnit("b", List.of(1600L, 800L, 400L, 200L)),
            new SearchUnit("c", List.of(80L, 40L, 20L, 10L)));

    static SearchStrategy uniform() {
        return new UniformSearchProvider().create(Map.of());
    }

    @Test
    void picksTheLeastCompressedLevelWhoseTotalFits() {
        assertEquals(new Allocation(List.of(0, 0, 0)), uniform().search(new SearchSpace(UNITS, 2480), UNUSED, CONTEXT));
        assertEquals(new Allocation(List.of(1, 1, 1)), uniform().search(new SearchSpace(UNITS, 2479), UNUSED, CONTEXT));
        assertEquals(new Allocation(List.of(1, 1, 1)), uniform().search(new SearchSpace(UNITS, 1240), UNUSED, CONTEXT));
        assertEquals(new Allocation(List.of(3, 3, 3)), uniform().search(new SearchSpace(UNITS, 310), UNUSED, CONTEXT));
        assertEquals(new Allocation(List.of()), uniform().search(new SearchSpace(List.of(), 0), UNUSED, CONTEXT));
    }

    @Test
    void aBudgetBelowTheMostCompressedLevelNamesTheBudgetAndTheSmallestCost() {
        PressoException e = assertThrows(PressoException.class, () -> uniform().search(new SearchSpace(UNITS, 309), UNUSED, CONTEXT));
        assertTrue(e.getMessage().contains("budget of 309 bits") && e.getMessage().contains("310 bits"), e.getMessage());
    }

    @Test
    void unitsWithDifferentLevelCountsAreRefused() {
        List<SearchUnit> mixed = List.of(UNITS.getFirst(), new SearchUnit("n:m", List.of(500L)));
        PressoException e = assertThrows(PressoException.class, () -> uniform().search(new SearchSpace(mixed, 10_000), UNUSED, CONTEXT));
        assertTrue(e.getMessage().contains("unit n:m offers 1 levels but unit a offers 4"), e.getMessage());
    }

    @Test
    void takesNoSettings() {
        PressoException e = assertThrows(PressoException.class,
                () -> new UniformSearchProvider().create(Map.of("rounds", "3")));
        assertTrue(e.getMessage().contains("unknown setting 'rounds'") && e.getMessage().contains("no settings"),
                e.getMessage());
    }
}
