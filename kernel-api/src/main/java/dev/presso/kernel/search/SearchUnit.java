package dev.presso.kernel.search;

import java.util.List;
import java.util.Objects;

/**
 * One unit whose compression level a search chooses (a linear layer, or a sub-block that can be
 * dropped), with the exact cost of each of its levels and, when known, each level's layer-wise
 * error. Levels are ordered from the least compressed (index 0) to the most compressed.
 *
 * @param name the unit's name, such as a layer name
 * @param group the group the unit belongs to: a {@link SearchSpace} may give a group its own
 *     budget, and strategies that move levels between units (such as a level-switch mutation)
 *     may keep their moves inside a group; {@link #DEFAULT_GROUP} when the space has one group
 * @param levelCostsBits the storage cost in bits of each level, in level order; copied
 * @param levelErrors the layer-wise error of each level (for example the normalised output error
 *     on calibration activations), in level order, or empty when unknown; copied
 * @since 1.0
 */
public record SearchUnit(String name, String group, List<Long> levelCostsBits, List<Double> levelErrors) {
    /** The group of units that belong to no named group. */
    public static final String DEFAULT_GROUP = "all";

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param group the group
     * @param levelCostsBits the costs
     * @param levelErrors the errors, or empty
     */
    public SearchUnit {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(group, "group must not be null");
        levelCostsBits = List.copyOf(levelCostsBits);
        levelErrors = List.copyOf(levelErrors);
        if (levelCostsBits.isEmpty()) {
            throw new IllegalArgumentException("unit " + name + " must offer at least one level");
        }
        if (group.isBlank()) {
            throw new IllegalArgumentException("unit " + name + " needs a non-blank group");
        }
        if (!levelErrors.isEmpty() && levelErrors.size() != levelCostsBits.size()) {
            throw new IllegalArgumentException("unit " + name + " has " + levelCostsBits.size() + " levels but "
                    + levelErrors.size() + " level errors; expected one error per level or none");
        }
    }

    /**
     * A unit of the default group with no known errors.
     *
     * @param name the name
     * @param levelCostsBits the costs, in level order
     */
    public SearchUnit(String name, List<Long> levelCostsBits) {
        this(name, DEFAULT_GROUP, levelCostsBits, List.of());
    }

    /**
     * Returns how many levels the unit offers.
     *
     * @return the level count, at least 1
     */
    public int levelCount() {
        return levelCostsBits.size();
    }

    /**
     * Returns the cost of a level.
     *
     * @param level a level index
     * @return its cost in bits
     */
    public long cost(int level) {
        return levelCostsBits.get(level);
    }

    /**
     * Returns whether the layer-wise error of every level is known.
     *
     * @return whether {@link #levelErrors()} is not empty
     */
    public boolean hasErrors() {
        return !levelErrors.isEmpty();
    }
}
