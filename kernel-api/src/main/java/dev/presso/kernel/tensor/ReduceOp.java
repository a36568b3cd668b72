package dev.presso.kernel.tensor;

/**
 * Reductions over one or more axes, applied by
 * {@link DenseKernels#reduce(ReduceOp, DeviceArray, DeviceArray)}.
 *
 * <p>NaN in any reduced element makes the result NaN, for every operation.
 *
 * @since 1.0
 */
public enum ReduceOp {
    /** The sum, accumulated at least in float32 with pairwise or blocked summation. */
    SUM,
    /** The arithmetic mean. */
    MEAN,
    /** The largest element. */
    MAX,
    /** The smallest element. */
    MIN
}
