package dev.presso.plugins.tensorcpu.internal.linalg;

/**
 * Decompositions and solvers on row-major float matrices; inputs are never modified.
 */
public interface DenseLinearAlgebra {
    /**
     * Names the implementation, for example {@code "LAPACK (OpenBLAS 0.3.31 via FFM)"}.
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

    /** {@code a [m, n] = u diag(s) vt}; thin: u [m, min], vt [min, n]; full: u [m, m], vt [n, n]. */
    void svd(float[] a, int m, int n, boolean full, float[] u, float[] s, float[] vt);

    /** Thin QR: {@code a [m, n] = q [m, min] * r [min, n]}. */
    void qr(float[] a, int m, int n, float[] q, float[] r);

    /**
     * Lower Cholesky factor of a symmetric positive definite {@code a [n, n]}.
     *
     * @throws dev.presso.kernel.tensor.TensorException if {@code a} is not positive definite
     */
    void cholesky(float[] a, int n, float[] l);

    /** Symmetric eigendecomposition, eigenvalues ascending, eigenvectors as columns of v. */
    void eigh(float[] a, int n, float[] w, float[] v);

    /** Solves {@code op(a) x = b} for triangular {@code a [n, n]}, {@code b [n, k]}. */
    void triangularSolve(float[] a, int n, float[] b, int k, boolean lower, boolean transposeA,
            float[] out);

    /** Least squares {@code argmin ||a x - b||}, {@code a [m, n]} with m >= n, {@code b [m, k]}. */
    void leastSquares(float[] a, int m, int n, float[] b, int k, float[] out);
}
