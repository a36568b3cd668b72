package dev.presso.kernel.tensor;

/**
 * Elementwise functions of two {@link DType#F32} arguments with broadcasting, applied by
 * {@link DenseKernels#binary(BinaryOp, DeviceArray, DeviceArray, DeviceArray)}.
 *
 * <p>Comparisons produce 1.0 where true and 0.0 where false (NaN compares false).
 *
 * @since 1.0
 */
public enum BinaryOp {
    /** {@code a + b}. */
    ADD,
    /** {@code a - b}. */
    SUB,
    /** {@code a * b}. */
    MUL,
    /** {@code a / b}. */
    DIV,
    /** The larger; NaN if either is NaN. */
    MAX,
    /** The smaller; NaN if either is NaN. */
    MIN,
    /** {@code a ^ b} as {@link Math#pow(double, double)}. */
    POW,
    /** 1 where {@code a > b}. */
    GREATER,
    /** 1 where {@code a < b}. */
    LESS,
    /** 1 where {@code a == b}. */
    EQUAL
}
