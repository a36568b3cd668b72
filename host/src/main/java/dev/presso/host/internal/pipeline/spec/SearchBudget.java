package dev.presso.host.internal.pipeline.spec;

import java.util.Map;
import java.util.TreeMap;

/** How much a search over a level database may spend. */
public sealed interface SearchBudget permits SearchBudget.BitsPerParameter, SearchBudget.NominalBits,
        SearchBudget.Center, SearchBudget.Drop {
    /** Returns where the budget was written. @return the location */
    Location where();

    /**
     * An average number of stored bits per original parameter of the database's units.
     *
     * @param bits the average, positive
     * @param where where it was written
     */
    record BitsPerParameter(double bits, Location where) implements SearchBudget {}

    /**
     * An average nominal bit width per parameter (the EvoPress convention): each level of a
     * bit-width ladder costs its value (such as 3 for {@code 3bit}) times the unit's parameters,
     * scales and zero points not counted.
     *
     * @param bits the average, positive
     * @param where where it was written
     */
    record NominalBits(double bits, Location where) implements SearchBudget {}

    /**
     * The total cost of the uniform allocation at the ladder's centre level.
     *
     * @param sparsityTarget whether it was written {@code sparsity: target} (which needs a sparsity
     *     ladder) rather than {@code level: center}
     * @param where where it was written
     */
    record Center(boolean sparsityTarget, Location where) implements SearchBudget {}

    /**
     * Per group of a depth database, how many sub-blocks must be dropped.
     *
     * @param dropped group name to count, sorted by name
     * @param where where it was written
     */
    record Drop(Map<String, Integer> dropped, Location where) implements SearchBudget {
        /** Copies the counts, sorted. */
        public Drop {
            dropped = java.util.Collections.unmodifiableMap(new TreeMap<>(dropped));
        }
    }
}
