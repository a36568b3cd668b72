package dev.presso.kernel.tensor;

/**
 * Elementwise functions of one {@link DType#F32} argument, applied by
 * {@link DenseKernels#unary(UnaryOp, DeviceArray, DeviceArray)}.
 *
 * @since 1.0
 */
public enum UnaryOp {
    /** {@code -x}. */
    NEG,
    /** {@code |x|}. */
    ABS,
    /** {@code e^x}. */
    EXP,
    /** Natural logarithm; {@code -inf} at 0, NaN below. */
    LOG,
    /** Square root; NaN below 0. */
    SQRT,
    /** {@code 1 / sqrt(x)}. */
    RSQRT,
    /** {@code x * x}. */
    SQUARE,
    /** {@code 1 / x}. */
    RECIPROCAL,
    /** {@code 1 / (1 + e^-x)}. */
    SIGMOID,
    /** Hyperbolic tangent. */
    TANH,
    /** {@code max(x, 0)}; NaN stays NaN. */
    RELU,
    /** {@code x * sigmoid(x)}, also called swish. */
    SILU,
    /** Gaussian error linear unit with the tanh approximation used by GPT-2. */
    GELU,
    /** -1, 0 or 1; NaN stays NaN. */
    SIGN,
    /** Round half to even. */
    ROUND,
    /** Largest integer not above x. */
    FLOOR
}
