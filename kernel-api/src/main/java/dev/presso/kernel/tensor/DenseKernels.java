package dev.presso.kernel.tensor;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Matrix products, elementwise arithmetic, reductions and layout changes on {@link DType#F32}
 * arrays unless stated otherwise.
 *
 * <p><b>Outputs.</b> Every kernel writes into a caller-allocated {@code out} array of exactly the
 * stated shape and dtype. <b>Aliasing.</b> Elementwise kernels ({@link #unary}, {@link #binary},
 * {@link #scalar}, {@link #clamp}) allow {@code out} to be the very same array as an input of the
 * same shape; every other kernel requires {@code out} to share no storage with any input.
 * <b>NaN and infinity</b> propagate as IEEE 754 arithmetic says. <b>Determinism:</b> every
 * kernel of a backend returns bitwise identical results for identical inputs and thread count,
 * however often it is called and whatever else the machine is doing.
 *
 * @since 1.0
 */
@ConsumerType
public interface DenseKernels {
    /**
     * General matrix product {@code c = alpha * op(a) * op(b) + beta * c}, batched over leading
     * dimensions.
     *
     * <p>{@code a} is {@code [..., M, K]} ({@code [..., K, M]} when {@code transposeA}), {@code b}
     * is {@code [..., K, N]} ({@code [..., N, K]} when {@code transposeB}) and {@code c} is
     * {@code [..., M, N]}. Leading (batch) dimensions of {@code a} and {@code b} either equal
     * {@code c}'s or are absent (a rank-2 operand is shared by every batch). When {@code beta} is
     * 0, {@code c}'s previous contents are ignored, NaN included. {@code a} and {@code b} may be
     * {@link DType#BF16} or {@link DType#F16} where the backend has the matching
     * {@link BackendCapability} (a backend without it refuses them with a {@link TensorException});
     * {@code c} is always F32.
     *
     * <pre>{@code
     * backend.gemm(false, true, 1f, x, w, 0f, y);   // y[T, out] = x[T, in] * w[out, in]^T
     * }</pre>
     *
     * @param transposeA whether to use {@code a}'s transpose
     * @param transposeB whether to use {@code b}'s transpose
     * @param alpha the product's scale
     * @param a the left operand
     * @param b the right operand
     * @param beta the scale of {@code c}'s previous contents
     * @param c the output, read when {@code beta != 0}
     */
    void gemm(boolean transposeA, boolean transposeB, float alpha, DeviceArray a, DeviceArray b,
            float beta, DeviceArray c);

    /**
     * Sets every element to a value.
     *
     * @param out any F32 or I32 array; for I32 the value is truncated toward zero
     * @param value the value
     */
    void fill(DeviceArray out, float value);

    /**
     * Applies an elementwise function: {@code out[i] = op(x[i])}.
     *
     * @param op the function
     * @param x the input
     * @param out the output, shaped like {@code x}; may be {@code x} itself
     */
    void unary(UnaryOp op, DeviceArray x, DeviceArray out);

    /**
     * Applies an elementwise function of two arrays with NumPy broadcasting.
     *
     * <p>Shapes are aligned at their last dimension; each pair of dimensions must be equal or one
     * of them 1. {@code out}'s shape is the broadcast shape.
     *
     * <pre>{@code
     * backend.binary(BinaryOp.ADD, x, bias, y);   // x [T, D] + bias [D] -> y [T, D]
     * }</pre>
     *
     * @param op the function
     * @param a the left input
     * @param b the right input
     * @param out the output; may be {@code a} or {@code b} when its shape equals theirs
     */
    void binary(BinaryOp op, DeviceArray a, DeviceArray b, DeviceArray out);

    /**
     * Applies an elementwise function of an array and a scalar: {@code out[i] = op(x[i], s)}.
     *
     * @param op the function
     * @param x the array operand, on the left
     * @param s the scalar operand, on the right
     * @param out the output, shaped like {@code x}; may be {@code x} itself
     */
    void scalar(BinaryOp op, DeviceArray x, float s, DeviceArray out);

    /**
     * Clamps every element into {@code [low, high]}; NaN stays NaN.
     *
     * @param x the input
     * @param low the lower bound
     * @param high the upper bound, at least {@code low}
     * @param out the output, shaped like {@code x}; may be {@code x} itself
     */
    void clamp(DeviceArray x, float low, float high, DeviceArray out);

    /**
     * Reduces over every axis where {@code out} has size 1 and {@code x} does not.
     *
     * <p>{@code out} has {@code x}'s rank; each of its dimensions equals {@code x}'s or is 1. An
     * empty reduction gives 0 for SUM, NaN for MEAN, negative infinity for MAX and positive
     * infinity for MIN.
     *
     * <pre>{@code
     * backend.reduce(ReduceOp.SUM, x, rowSums);   // x [R, C] -> rowSums [R, 1]
     * }</pre>
     *
     * @param op the reduction
     * @param x the input
     * @param out the output
     */
    void reduce(ReduceOp op, DeviceArray x, DeviceArray out);

    /**
     * Finds the index of the largest element along the last axis; the first one on ties, and the
     * first NaN if any.
     *
     * @param x the input, rank at least 1, with a non-empty last dimension
     * @param out an {@link DType#I32} array shaped like {@code x} without its last dimension
     */
    void argMax(DeviceArray x, DeviceArray out);

    /**
     * Copies elements in row-major order into an array of the same size and dtype.
     *
     * @param source the input, any dtype
     * @param target the output, same dtype and element count, any shape
     */
    void copy(DeviceArray source, DeviceArray target);

    /**
     * Permutes axes: {@code out} dimension {@code i} is {@code x} dimension {@code axes[i]}.
     *
     * <pre>{@code
     * backend.permute(x, new int[] {0, 2, 1, 3}, y);   // [B, T, H, D] -> [B, H, T, D]
     * }</pre>
     *
     * @param x the input, any unpacked dtype
     * @param axes a permutation of {@code 0 .. rank-1}
     * @param out the output with the permuted shape and {@code x}'s dtype
     */
    void permute(DeviceArray x, int[] axes, DeviceArray out);

    /**
     * Copies a range of one axis from {@code source} into {@code target} at an offset; every other
     * dimension of the two must be equal. This is slicing, concatenation and padding in one kernel.
     *
     * <pre>{@code
     * backend.copySlice(x, y, 1, 4, 0, 8);   // y = x[:, 4:12]
     * }</pre>
     *
     * @param source the input, any unpacked dtype
     * @param target the output, same dtype and rank
     * @param axis the axis, negative counts from the end
     * @param sourceStart the first index read along the axis
     * @param targetStart the first index written along the axis
     * @param length how many indices to copy
     */
    void copySlice(DeviceArray source, DeviceArray target, int axis, long sourceStart,
            long targetStart, long length);
}
