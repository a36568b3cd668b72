package dev.presso.plugins.obs.internal;

/**
 * What the {@link ObsSweep} does to each column: the compressed value of every row at that
 * column, chosen from the current, error-updated weights.
 */
public interface ColumnRule {
    /**
     * Called before the columns {@code [start, end)} of a block are swept; the weights of the block
     * have received every earlier block's update.
     *
     * @param weights the working weights {@code [out][in]}
     * @param start the block's first column
     * @param end one past its last column
     * @param inverseFactor the upper Cholesky factor {@code U} of {@code H^{-1}}
     */
    default void beginBlock(double[][] weights, int start, int end, double[][] inverseFactor) {}

    /**
     * Returns the compressed value of a column.
     *
     * @param weights the working weights {@code [out][in]}; columns before {@code column} are
     *     already compressed
     * @param column the column
     * @return the compressed column, one value per row
     */
    double[] compress(double[][] weights, int column);
}
