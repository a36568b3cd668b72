package dev.presso.kernel.search;

import java.util.List;

/**
 * A chosen level index for every unit of a search space, in unit order.
 *
 * @param levels one level index per unit; copied
 * @since 1.0
 */
public record Allocation(List<Integer> levels) {
    /**
     * Copies the components.
     *
     * @param levels the level indices
     */
    public Allocation {
        levels = List.copyOf(levels);
    }
}
