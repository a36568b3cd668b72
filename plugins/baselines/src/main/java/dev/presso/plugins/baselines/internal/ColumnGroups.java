package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;

/**
 * The column groups of a matrix {@code [R, C]} that share quantization parameters: groups of
 * {@code width} consecutive columns from column 0, the last one shorter when {@code width} does
 * not divide {@code C} (the tail group). Matrices are split into at most two parts, the full
 * groups {@code [R, C / width, width]} and the tail {@code [R, 1, C mod width]}, so that a
 * reduction over the last axis gives each group's statistics.
 *
 * @param columns the matrix's column count {@code C}
 * @param width the columns per group, at least 1
 */
record ColumnGroups(long columns, long width) {
    /**
     * Returns the groups of a group-size setting.
     *
     * @param columns the column count
     * @param groupSize columns per group; 0 means one group per row
     * @return the groups
     */
    static ColumnGroups of(long columns, long groupSize) {
        return new ColumnGroups(columns, groupSize == 0 ? Math.max(1, columns) : groupSize);
    }

    /** Returns the number of groups per row, the tail included. @return {@code ceil(C / width)} */
    long count() {
        return Math.ceilDiv(columns, width);
    }

    private long full() {
        return columns / width;
    }

    private long tail() {
        return columns % width;
    }

    /**
     * Splits a matrix into its group parts.
     *
     * @param matrix {@code [R, C]}
     * @return the full groups {@code [R, C / width, width]} (if any), then the tail {@code [R, 1, tail]} (if any)
     */
    List<Tensor> split(Tensor matrix) {
        long rows = matrix.shape().dim(0);
        List<Tensor> parts = new ArrayList<>(2);
        if (full() > 0) {
            Tensor body = tail() == 0 ? matrix : matrix.slice(1, 0, full() * width);
            parts.add(body.reshape(rows, full(), width));
        }
        if (tail() > 0) {
            parts.add(matrix.slice(1, full() * width, columns).reshape(rows, 1, tail()));
        }
        return parts;
    }

    /**
     * Splits per-group parameters like {@link #split} splits a matrix.
     *
     * @param parameters {@code [R, count()]}
     * @return {@code [R, C / width, 1]} (if any), then {@code [R, 1, 1]} (if there is a tail)
     */
    List<Tensor> splitParameters(Tensor parameters) {
        long rows = parameters.shape().dim(0);
        List<Tensor> parts = new ArrayList<>(2);
        if (full() > 0) {
            Tensor body = tail() == 0 ? parameters : parameters.slice(1, 0, full());
            parts.add(body.reshape(rows, full(), 1));
        }
        if (tail() > 0) {
            parts.add(parameters.slice(1, full(), full() + 1).reshape(rows, 1, 1));
        }
        return parts;
    }

    /**
     * Joins parts of the shapes {@link #split} or {@link #splitParameters} makes back into a matrix.
     *
     * @param tensors the front end
     * @param parts the parts {@code [R, G_p, W_p]}
     * @return {@code [R, sum G_p * W_p]}
     */
    static Tensor join(Tensors tensors, List<Tensor> parts) {
        List<Tensor> flat = parts.stream()
                .map(p -> p.reshape(p.shape().dim(0), p.shape().dim(1) * p.shape().dim(2))).toList();
        return flat.size() == 1 ? flat.getFirst() : tensors.concat(1, flat);
    }
}
