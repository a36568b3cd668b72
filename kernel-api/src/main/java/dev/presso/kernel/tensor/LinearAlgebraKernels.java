package dev.presso.kernel.tensor;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Dense decompositions and solvers on rank-2 {@link DType#F32} arrays.
 *
 * <p>Outputs must not alias inputs; inputs are never modified. A numerical failure (a matrix that
 * is not positive definite, a solver that does not converge) is a {@link TensorException} naming
 * the operation and the matrix shape.
 *
 * @since 1.0
 */
@ConsumerType
public interface LinearAlgebraKernels {
    /**
     * Singular value decomposition {@code a = u * diag(s) * vt}, singular values descending.
     *
     * <p>With {@code k = min(M, N)}: thin ({@code full == false}) gives {@code u [M, k]} and
     * {@code vt [k, N]}; full gives {@code u [M, M]} and {@code vt [N, N]}. Singular vectors are
     * unique only up to sign (and rotation within repeated values).
     *
     * @param a the matrix {@code [M, N]}
     * @param full whether to compute the full orthogonal factors
     * @param u the left singular vectors
     * @param s the singular values {@code [k]}
     * @param vt the right singular vectors, transposed
     */
    void svd(DeviceArray a, boolean full, DeviceArray u, DeviceArray s, DeviceArray vt);

    /**
     * Thin QR decomposition {@code a = q * r} with {@code q}'s columns orthonormal and {@code r}
     * upper triangular.
     *
     * @param a the matrix {@code [M, N]}
     * @param q the orthonormal factor {@code [M, k]}, {@code k = min(M, N)}
     * @param r the triangular factor {@code [k, N]}
     */
    void qr(DeviceArray a, DeviceArray q, DeviceArray r);

    /**
     * Cholesky factorization {@code a = l * l^T} of a symmetric positive definite matrix.
     *
     * @param a the matrix {@code [N, N]}; only its lower triangle is read
     * @param l the lower-triangular factor {@code [N, N]}, zeros above the diagonal
     * @throws TensorException if {@code a} is not positive definite
     */
    void cholesky(DeviceArray a, DeviceArray l);

    /**
     * Eigendecomposition {@code a = v * diag(w) * v^T} of a symmetric matrix, eigenvalues
     * ascending.
     *
     * @param a the matrix {@code [N, N]}; only its lower triangle is read
     * @param w the eigenvalues {@code [N]}
     * @param v the orthonormal eigenvectors as columns {@code [N, N]}
     */
    void eigh(DeviceArray a, DeviceArray w, DeviceArray v);

    /**
     * Solves {@code op(a) * x = b} for a triangular {@code a}, where {@code op} is the identity or
     * the transpose.
     *
     * @param a the triangular matrix {@code [N, N]}; the other triangle is not read
     * @param b the right-hand sides {@code [N, K]}
     * @param lower whether {@code a} is lower (else upper) triangular
     * @param transposeA whether to solve with {@code a}'s transpose
     * @param out the solution {@code [N, K]}
     */
    void triangularSolve(DeviceArray a, DeviceArray b, boolean lower, boolean transposeA,
            DeviceArray out);

    /**
     * Least-squares solution {@code out = argmin ||a * x - b||} for a full-column-rank {@code a}.
     *
     * @param a the matrix {@code [M, N]}, {@code M >= N}
     * @param b the right-hand sides {@code [M, K]}
     * @param out the solution {@code [N, K]}
     */
    void leastSquares(DeviceArray a, DeviceArray b, DeviceArray out);
}
