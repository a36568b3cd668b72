package dev.presso.kernel.search;

import java.util.List;
import java.util.Objects;

/**
 * One unit whose compression level a search chooses, with the cost of each level.
 *
 * @param name the unit's name, such as a layer name
 * @param levelCostsBits the storage cost in bits of each level, in level order; copied
 * @since 1.0
 */
public record SearchUnit(String name, List<Long> levelCostsBits) {
    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param levelCostsBits the costs
     */
    public SearchUnit {
        Objects.requireNonNull(name, "name must not be null");
        levelCostsBits = List.copyOf(levelCostsBits);
        if (levelCostsBits.isEmpty()) {
            throw new IllegalArgumentException("unit " + name + " must offer at least one level");
        }
    }
}
