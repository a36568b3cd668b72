package dev.presso.host.internal.pipeline.spec;

import java.util.List;

/**
 * The levels a {@link Stage.Database} builds for every unit: a method's named levels, an
 * equal-step sparsity ladder, or sub-blocks kept or dropped.
 */
public sealed interface Ladder permits Ladder.Named, Ladder.Sparsity, Ladder.Depth {
    /** Returns the ladder's key as a pipeline writes it. @return {@code levels}, {@code sparsity} or {@code depth} */
    default String key() {
        return switch (this) {
            case Named n -> "levels";
            case Sparsity s -> "sparsity";
            case Depth d -> "depth";
        };
    }

    /** Returns where the ladder was written. @return the location */
    Location where();

    /**
     * A method's named levels, every unit getting all of them.
     *
     * @param levels the levels as written, at least two
     * @param where where the list was written
     */
    record Named(List<LevelRef> levels, Location where) implements Ladder {
        /** Copies the levels. */
        public Named {
            levels = List.copyOf(levels);
        }
    }

    /**
     * An equal-absolute-step sparsity ladder: level {@code i} of a unit with {@code n} weights
     * removes {@code round(target·n) + (i − steps)·weightsPerStep} weights, clipped to [0, n].
     *
     * @param target the centre sparsity, in (0, 1)
     * @param steps the levels on each side of the centre, at least 1
     * @param weightsPerStep the weights one step removes, at least 1
     * @param where where the ladder was written
     */
    record Sparsity(double target, int steps, int weightsPerStep, Location where) implements Ladder {
        /** The default number of steps on each side of the target. */
        public static final int DEFAULT_STEPS = 8;
        /** The default number of weights per step. */
        public static final int DEFAULT_WEIGHTS_PER_STEP = 128;

        /**
         * Returns how many levels every unit gets.
         *
         * @return {@code 2·steps + 1}
         */
        public int levelCount() {
            return 2 * steps + 1;
        }

        /**
         * Returns how many weights a level removes from a unit.
         *
         * @param weights the unit's weight count
         * @param level the level index, 0 the least sparse
         * @return the zero count, within [0, weights]
         */
        public long zeros(long weights, int level) {
            long centre = Math.round(target * weights);
            long zeros = centre + (long) (level - steps) * weightsPerStep;
            return Math.clamp(zeros, 0, weights);
        }
    }

    /**
     * Decoder sub-blocks kept (level 0) or dropped (level 1).
     *
     * @param attention whether the attention sub-blocks are units
     * @param mlp whether the MLP sub-blocks are units
     * @param where where the ladder was written
     */
    record Depth(boolean attention, boolean mlp, Location where) implements Ladder {
        /** The group of attention sub-blocks. */
        public static final String ATTENTION = "attention";
        /** The group of MLP sub-blocks. */
        public static final String MLP = "mlp";
    }
}
