package dev.presso.kernel.tensor;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates {@link Tensor}s on one backend, and offers the operations that take several tensors or
 * none: concatenation, hashed expansion, quantization, custom functions and decompositions.
 *
 * <p>The host provides an instance per backend; plugins receive it from their context.
 *
 * @since 1.0
 */
@ProviderType
public interface Tensors {
    /** Returns the backend these tensors live on. @return the backend */
    TensorBackend backend();

    /**
     * Returns a zero-filled tensor.
     *
     * @param dtype the element type
     * @param shape the dimensions
     * @return the tensor
     */
    Tensor zeros(DType dtype, Shape shape);

    /**
     * Returns an F32 tensor with every element equal to a value.
     *
     * @param shape the dimensions
     * @param value the value
     * @return the tensor
     */
    Tensor full(Shape shape, float value);

    /**
     * Copies floats into a new F32 tensor.
     *
     * @param values the elements, row-major
     * @param shape dimensions whose product is {@code values.length}
     * @return the tensor
     */
    Tensor of(float[] values, Shape shape);

    /**
     * Copies ints into a new I32 tensor.
     *
     * @param values the elements, row-major
     * @param shape dimensions whose product is {@code values.length}
     * @return the tensor
     */
    Tensor ofInts(int[] values, Shape shape);

    /**
     * Wraps an array of this backend, taking ownership of it.
     *
     * @param array the storage; closed when the tensor is
     * @return the tensor
     */
    Tensor wrap(DeviceArray array);

    /**
     * Returns F32 samples of the standard normal distribution, reproducible for a seed.
     *
     * @param shape the dimensions
     * @param seed the random seed
     * @return the tensor
     */
    Tensor randn(Shape shape, long seed);

    /**
     * Returns F32 samples uniform in {@code [0, 1)}, reproducible for a seed.
     *
     * @param shape the dimensions
     * @param seed the random seed
     * @return the tensor
     */
    Tensor rand(Shape shape, long seed);

    /**
     * Concatenates tensors along an axis; differentiable.
     *
     * @param axis the axis, negative counts from the end
     * @param parts tensors whose other dimensions are equal
     * @return the concatenation
     */
    Tensor concat(int axis, List<Tensor> parts);

    /**
     * Expands shared parameters into a dense matrix (see {@link IndexKernels#hashGather});
     * differentiable in {@code theta}.
     *
     * @param theta the shared parameters {@code [P]}
     * @param spec the hash
     * @param rows the matrix rows
     * @param cols the matrix columns
     * @return the dense matrix {@code [rows, cols]}
     */
    Tensor hashGather(Tensor theta, HashSpec spec, long rows, long cols);

    /**
     * Runs a custom function, recording it for differentiation.
     *
     * @param function the function
     * @param inputs its inputs
     * @return its output
     */
    Tensor apply(CustomFunction function, Tensor... inputs);

    /**
     * Opens a scope that releases the tensors created in it on this thread.
     *
     * @return the scope, to be closed by the caller
     */
    TensorScope scope();

    /**
     * Turns gradient recording off on this thread until the returned region closes.
     *
     * @return the region
     */
    GradMode noGrad();

    /**
     * Returns whether operations on this thread are recorded for differentiation.
     *
     * @return {@code true} unless inside {@link #noGrad()}
     */
    boolean isGradEnabled();

    /**
     * Returns the {@code k} largest elements along the last axis; not differentiable.
     *
     * @param x the input
     * @param k how many
     * @return values and I32 indices, each {@code [..., k]}
     */
    TopK topK(Tensor x, int k);

    /**
     * Computes a singular value decomposition; not differentiable.
     *
     * @param a a matrix {@code [M, N]}
     * @param full whether to compute full orthogonal factors
     * @return the factors
     */
    Svd svd(Tensor a, boolean full);

    /**
     * Computes the Cholesky factor of a symmetric positive definite matrix; not differentiable.
     *
     * @param a the matrix {@code [N, N]}
     * @return the lower-triangular factor
     */
    Tensor cholesky(Tensor a);

    /**
     * Computes the eigendecomposition of a symmetric matrix; not differentiable.
     *
     * @param a the matrix {@code [N, N]}
     * @return ascending eigenvalues and eigenvectors as columns
     */
    Eigh eigh(Tensor a);
}
