package dev.presso.kernel.tensor;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The tensor that methods compute with: an immutable value on one backend, with reverse-mode
 * automatic differentiation.
 *
 * <p>Every operation returns a new tensor; none modifies its inputs. When gradient mode is on (see
 * {@link Tensors#noGrad()}) and any input {@link #requiresGrad() requires a gradient}, the
 * operation is recorded so that {@link #backward()} can propagate gradients to every leaf that
 * requires one; gradients accumulate across uses. Shapes follow NumPy broadcasting for
 * elementwise arithmetic. Argument errors are {@link TensorException}s naming the operation, the
 * shapes and what was expected.
 *
 * <p>Tensors hold device memory: a tensor is released by {@link #close()} or by the
 * {@link TensorScope} it was created in. Tensors are not thread-safe.
 *
 * <pre>{@code
 * try (TensorScope scope = tensors.scope()) {
 *     Tensor w = tensors.randn(Shape.of(4, 3), 7).requiresGrad(true);
 *     Tensor loss = x.matmul(w).square().mean();
 *     loss.backward();
 *     scope.keep(w.grad().orElseThrow());
 * }
 * }</pre>
 *
 * @since 1.0
 */
@ProviderType
public interface Tensor extends AutoCloseable {
    /** Returns the dimensions. @return the shape */
    Shape shape();

    /** Returns the element type. @return the dtype */
    DType dtype();

    /** Returns the device holding the data. @return the device */
    Device device();

    /**
     * Returns the backend storage; it stays owned by this tensor.
     *
     * @return the array, valid until this tensor is closed
     */
    DeviceArray array();

    /**
     * Applies an elementwise function; differentiable except {@link UnaryOp#ROUND},
     * {@link UnaryOp#FLOOR} and {@link UnaryOp#SIGN}, whose gradient is zero.
     *
     * @param op the function
     * @return {@code op(this)}
     */
    Tensor map(UnaryOp op);

    /**
     * Combines with another tensor elementwise, broadcasting both; differentiable in both
     * arguments except for comparisons.
     *
     * @param op the function
     * @param other the right operand
     * @return {@code op(this, other)} with the broadcast shape
     */
    Tensor zip(BinaryOp op, Tensor other);

    /**
     * Combines with a scalar elementwise.
     *
     * @param op the function
     * @param scalar the right operand
     * @return {@code op(this, scalar)}
     */
    Tensor zip(BinaryOp op, float scalar);

    /** Adds with broadcasting. @param other the addend @return the sum */
    default Tensor add(Tensor other) {
        return zip(BinaryOp.ADD, other);
    }

    /** Subtracts with broadcasting. @param other the subtrahend @return the difference */
    default Tensor sub(Tensor other) {
        return zip(BinaryOp.SUB, other);
    }

    /** Multiplies with broadcasting. @param other the factor @return the product */
    default Tensor mul(Tensor other) {
        return zip(BinaryOp.MUL, other);
    }

    /** Divides with broadcasting. @param other the divisor @return the quotient */
    default Tensor div(Tensor other) {
        return zip(BinaryOp.DIV, other);
    }

    /** Adds a scalar. @param s the addend @return the sum */
    default Tensor add(float s) {
        return zip(BinaryOp.ADD, s);
    }

    /** Multiplies by a scalar. @param s the factor @return the product */
    default Tensor mul(float s) {
        return zip(BinaryOp.MUL, s);
    }

    /** Squares elementwise. @return {@code this * this} */
    default Tensor square() {
        return map(UnaryOp.SQUARE);
    }

    /**
     * Clamps into a range; the gradient passes where the input is inside it and is zero outside.
     *
     * @param low the lower bound
     * @param high the upper bound
     * @return the clamped tensor
     */
    Tensor clamp(float low, float high);

    /**
     * Matrix product over the last two axes, batched over leading ones (see
     * {@link DenseKernels#gemm}).
     *
     * @param other the right operand
     * @param transposeThis whether to use this tensor's transpose
     * @param transposeOther whether to use {@code other}'s transpose
     * @return the product
     */
    Tensor matmul(Tensor other, boolean transposeThis, boolean transposeOther);

    /** Matrix product without transposes. @param other the right operand @return the product */
    default Tensor matmul(Tensor other) {
        return matmul(other, false, false);
    }

    /**
     * Reduces over axes.
     *
     * @param op the reduction
     * @param keepDims whether reduced axes stay as size 1
     * @param axes the axes; none means all
     * @return the reduced tensor
     */
    Tensor reduce(ReduceOp op, boolean keepDims, int... axes);

    /** Sums every element. @return a scalar */
    default Tensor sum() {
        return reduce(ReduceOp.SUM, false);
    }

    /** Averages every element. @return a scalar */
    default Tensor mean() {
        return reduce(ReduceOp.MEAN, false);
    }

    /** Softmax along the last axis. @return the probabilities */
    Tensor softmax();

    /** Log-softmax along the last axis. @return the log-probabilities */
    Tensor logSoftmax();

    /**
     * RMS normalization along the last axis (see {@link NeuralKernels#rmsNorm}).
     *
     * @param weight the gain {@code [D]}
     * @param eps the stabilizer
     * @return the normalized tensor
     */
    Tensor rmsNorm(Tensor weight, float eps);

    /**
     * Rotary position embedding (see {@link NeuralKernels#rope}); the tables get no gradient.
     *
     * @param cos {@code [T, D/2]}
     * @param sin {@code [T, D/2]}
     * @return the rotated tensor
     */
    Tensor rope(Tensor cos, Tensor sin);

    /**
     * Blockwise Walsh–Hadamard transform along the last axis (see {@link NeuralKernels#fwht}).
     *
     * @param block a power of two dividing the last dimension
     * @param scale the output scale
     * @return the transformed tensor
     */
    Tensor fwht(int block, float scale);

    /**
     * Reinterprets the elements with a new shape of the same size.
     *
     * @param dims the new dimensions
     * @return the reshaped tensor
     */
    Tensor reshape(long... dims);

    /**
     * Permutes axes.
     *
     * @param axes a permutation of {@code 0 .. rank-1}
     * @return the permuted tensor
     */
    Tensor permute(int... axes);

    /**
     * Takes a contiguous range along one axis.
     *
     * @param axis the axis, negative counts from the end
     * @param start the first index, inclusive
     * @param end the last index, exclusive
     * @return the slice
     */
    Tensor slice(int axis, long start, long end);

    /**
     * Gathers rows of this {@code [V, D]} table (see {@link IndexKernels#gather}); differentiable
     * in the table.
     *
     * @param indices {@link DType#I32} row numbers
     * @return the rows {@code [..., D]}
     */
    Tensor gather(Tensor indices);

    /**
     * Converts to another dtype; differentiable between floating-point types.
     *
     * @param dtype the target dtype
     * @return the converted tensor
     */
    Tensor cast(DType dtype);

    /**
     * Returns whether gradients flow to this tensor.
     *
     * @return {@code true} for a leaf marked with {@link #requiresGrad(boolean)} or a result
     *     computed from one
     */
    boolean requiresGrad();

    /**
     * Marks this leaf so that {@link #backward()} computes its gradient.
     *
     * @param required whether to compute its gradient
     * @return this tensor
     * @throws TensorException if this tensor is not floating-point or not a leaf
     */
    Tensor requiresGrad(boolean required);

    /**
     * Returns the accumulated gradient of a leaf, owned by this tensor.
     *
     * @return the gradient, or empty before any backward pass reached this tensor
     */
    Optional<Tensor> grad();

    /** Forgets the accumulated gradient. */
    void zeroGrad();

    /**
     * Back-propagates from this scalar with seed 1, then releases the recorded graph.
     *
     * @throws TensorException if this tensor is not a scalar or requires no gradient
     */
    void backward();

    /**
     * Back-propagates from this tensor with the given seed gradient.
     *
     * @param seed a gradient shaped like this tensor
     */
    void backward(Tensor seed);

    /**
     * Returns a tensor sharing this one's data that is not part of any graph.
     *
     * @return the detached tensor
     */
    Tensor detach();

    /** Copies the elements to the heap. @return the F32 elements, row-major */
    float[] toFloatArray();

    /** Copies the elements to the heap. @return the I32 elements, row-major */
    int[] toIntArray();

    /**
     * Returns the value of a one-element F32 tensor.
     *
     * @return the value
     */
    float item();

    /** Returns whether this tensor was released. @return {@code true} once closed */
    boolean isClosed();

    /** Releases the data and its gradient; idempotent. */
    @Override
    void close();
}
