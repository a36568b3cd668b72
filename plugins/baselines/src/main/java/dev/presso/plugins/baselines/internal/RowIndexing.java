package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Per-row indexed reads and writes of a matrix {@code [R, C]} with column numbers held as F32
 * integers. They run on flat element numbers {@code row * C + column}, which F32 holds exactly
 * below {@code 2^24}, so large matrices are processed in blocks of rows that stay below that.
 */
final class RowIndexing {
    /** The largest element count whose flat numbers F32 holds exactly. */
    static final long EXACT_FLOATS = 1L << 24;

    private RowIndexing() {}

    /**
     * Returns ascending {@code 0, 1, ..., n - 1} as an F32 row.
     *
     * @param tensors the front end
     * @param n the length, below {@code 2^24}
     * @return {@code [1, n]}
     */
    static Tensor range(Tensors tensors, long n) {
        float[] values = new float[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        return tensors.of(values, Shape.of(1, n));
    }

    /**
     * Returns, for a 0/1 mask with exactly {@code keep} ones in every row, the columns of the ones in
     * ascending order: the top {@code keep} of {@code mask * C + (C - 1 - column)}.
     *
     * @param tensors the front end
     * @param mask F32 zeros and ones {@code [R, C]}
     * @param keep the ones per row, at least 1
     * @return F32 column numbers {@code [R, keep]}
     */
    static Tensor keptColumns(Tensors tensors, Tensor mask, long keep) {
        long columns = mask.shape().dim(1);
        Tensor descending = range(tensors, columns).mul(-1f).add(columns - 1f);
        Tensor key = mask.mul(columns).add(descending);
        return tensors.topK(key, Math.toIntExact(keep)).values().mul(-1f).add(2f * columns - 1f);
    }

    /**
     * Reads one element per column number of each row: {@code out[r, k] = table[r, columns[r, k]]}.
     *
     * @param tensors the front end
     * @param table F32 {@code [R, C]}
     * @param columns F32 column numbers {@code [R, K]}
     * @return F32 {@code [R, K]}
     */
    static Tensor gather(Tensors tensors, Tensor table, Tensor columns) {
        return gather(tensors, table, columns, EXACT_FLOATS);
    }

    /** Like {@link #gather(Tensors, Tensor, Tensor)} with blocks of at most {@code blockElements} elements. */
    static Tensor gather(Tensors tensors, Tensor table, Tensor columns, long blockElements) {
        long width = table.shape().dim(1);
        long count = columns.shape().dim(1);
        return byRowBlocks(tensors, table.shape().dim(0), width, blockElements, (start, end) -> {
            Tensor flat = flatIndices(tensors, columns.slice(0, start, end), start, end, width);
            return table.slice(0, start, end).reshape((end - start) * width, 1).gather(flat)
                    .reshape(end - start, count);
        });
    }

    /**
     * Writes values at column numbers of each row into a zero matrix:
     * {@code out[r, columns[r, k]] = values[r, k]}, columns distinct within a row.
     *
     * @param tensors the front end
     * @param values F32 {@code [R, K]}
     * @param columns F32 column numbers {@code [R, K]}
     * @param width the column count {@code C} of the result
     * @return F32 {@code [R, C]}
     */
    static Tensor scatter(Tensors tensors, Tensor values, Tensor columns, long width) {
        return scatter(tensors, values, columns, width, EXACT_FLOATS);
    }

    /** Like {@link #scatter(Tensors, Tensor, Tensor, long)} with blocks of at most {@code blockElements} elements. */
    static Tensor scatter(Tensors tensors, Tensor values, Tensor columns, long width, long blockElements) {
        long count = values.shape().dim(1);
        return byRowBlocks(tensors, values.shape().dim(0), width, blockElements, (start, end) -> {
            Tensor flat = flatIndices(tensors, columns.slice(0, start, end), start, end, width);
            Tensor source = values.slice(0, start, end).reshape((end - start) * count, 1);
            return Kernels.scatterAdd(tensors, source, flat.reshape((end - start) * count), (end - start) * width)
                    .reshape(end - start, width);
        });
    }

    /** Returns the I32 flat numbers {@code (row - start) * width + column} of a block of rows. */
    private static Tensor flatIndices(Tensors tensors, Tensor columns, long start, long end, long width) {
        float[] offsets = new float[Math.toIntExact(end - start)];
        for (int r = 0; r < offsets.length; r++) {
            offsets[r] = r * (float) width;
        }
        return columns.add(tensors.of(offsets, Shape.of(end - start, 1))).cast(DType.I32);
    }

    /** Applies a function to blocks of rows whose flat numbers F32 holds exactly, and stacks the results. */
    private static Tensor byRowBlocks(Tensors tensors, long rows, long width, long blockElements,
            BiFunction<Long, Long, Tensor> block) {
        long perBlock = Math.max(1, blockElements / Math.max(1, width));
        if (perBlock >= rows) {
            return block.apply(0L, rows);
        }
        List<Tensor> blocks = new ArrayList<>();
        for (long start = 0; start < rows; start += perBlock) {
            blocks.add(block.apply(start, Math.min(rows, start + perBlock)));
        }
        return tensors.concat(0, blocks);
    }
}
