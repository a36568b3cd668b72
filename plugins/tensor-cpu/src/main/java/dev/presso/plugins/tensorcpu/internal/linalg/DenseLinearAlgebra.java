package dev.presso.plugins.tensorcpu.internal.linalg;

/**
 * Decompositions and solvers on dense row-major float matrices, backing the provider's
 * {@link dev.presso.kernel.tensor.LinearAlgebraKernels}.
 *
 * <p>Every matrix is a row-major {@code float[]} of at least {@code rows * cols} values (extra
 * values are ignored). Inputs are never modified and outputs must not alias inputs. Instances from
 * {@link LinearAlgebraFactory} validate sizes (a {@link dev.presso.kernel.tensor.TensorException}
 * naming the operation and shapes), accept empty matrices, and may be called from several threads
 * at once. Numerical failures are {@code TensorException}s naming the operation and the shape.
 */
public interface DenseLinearAlgebra {
    /**
     * Names the implementation, for example
     * {@code "LAPACK via FFM (OpenBLAS 0.3.31 DYNAMIC_ARCH ...)"}.
     *
     * @return a description shown by diagnostics
     */
    String description();

    /**
     * Returns whether this implementation runs native LAPACK.
     *
     * @return {@code true} for the FFM-backed implementation
     */
    boolean isNative();

    /**
     * Singular value decomposition {@code a [m, n] = u diag(s) vt}, singular values descending and
     * non-negative; with {@code k = min(m, n)}, thin gives {@code u [m, k]} and {@code vt [k, n]},
     * full gives {@code u [m, m]} and {@code vt [n, n]}. Vectors are unique only up to sign.
     */
    void svd(float[] a, int m, int n, boolean full, float[] u, float[] s, float[] vt);

    /**
     * Thin QR {@code a [m, n] = q [m, k] * r [k, n]}, {@code k = min(m, n)}: {@code q} has
     * orthonormal columns, {@code r} is upper triangular with exact zeros below the diagonal (its
     * diagonal may be negative).
     */
    void qr(float[] a, int m, int n, float[] q, float[] r);

    /**
     * Lower Cholesky factor {@code l} of a symmetric positive definite {@code a [n, n]}, with
     * {@code a = l l^T}; only the lower triangle of {@code a} is read, and {@code l} has zeros above
     * the diagonal.
     *
     * @throws dev.presso.kernel.tensor.TensorException if {@code a} is not positive definite
     */
    void cholesky(float[] a, int n, float[] l);

    /**
     * Symmetric eigendecomposition {@code a = v diag(w) v^T}, eigenvalues {@code w [n]} ascending,
     * orthonormal eigenvectors as the columns of {@code v [n, n]}; only the lower triangle of
     * {@code a} is read.
     */
    void eigh(float[] a, int n, float[] w, float[] v);

    /**
     * Solves {@code op(a) x = b} for a triangular {@code a [n, n]} (the other triangle is not
     * read), {@code b [n, k]}, {@code out [n, k]}, where {@code op} transposes when
     * {@code transposeA}.
     *
     * @throws dev.presso.kernel.tensor.TensorException if {@code a} has a zero on its diagonal
     */
    void triangularSolve(float[] a, int n, float[] b, int k, boolean lower, boolean transposeA,
            float[] out);

    /**
     * Least squares {@code out [n, k] = argmin ||a x - b||} for {@code a [m, n]} with
     * {@code m >= n} and {@code b [m, k]}.
     *
     * @throws dev.presso.kernel.tensor.TensorException if {@code m < n}, or if {@code a} is
     *     numerically rank deficient (a triangular-factor diagonal below
     *     {@code max(m, n) * eps(float)} times its largest)
     */
    void leastSquares(float[] a, int m, int n, float[] b, int k, float[] out);
}
