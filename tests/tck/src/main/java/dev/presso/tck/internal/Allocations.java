package dev.presso.tck.internal;

import dev.presso.kernel.search.Allocation;
import java.util.Optional;

/** Checks of an allocation's shape against a problem. */
public final class Allocations {
    private Allocations() {}

    /**
     * Says what is wrong with an allocation's shape, if anything.
     *
     * @param problem the problem
     * @param allocation the allocation
     * @return a message naming the first problem, or empty when every unit has a level in range
     */
    public static Optional<String> validity(SearchProblem problem, Allocation allocation) {
        int units = problem.units().size();
        if (allocation.levels().size() != units) {
            return Optional.of("allocation " + allocation.levels() + " has " + allocation.levels().size()
                    + " levels; expected one per unit, " + units);
        }
        for (int u = 0; u < units; u++) {
            int level = allocation.levels().get(u);
            int offered = problem.units().get(u).levelCostsBits().size();
            if (level < 0 || level >= offered) {
                return Optional.of("allocation " + allocation.levels() + " gives unit "
                        + problem.units().get(u).name() + " level " + level + "; expected 0.." + (offered - 1));
            }
        }
        return Optional.empty();
    }
}
