package dev.presso.plugins.tensorcpu.internal.linalg;

import dev.presso.plugins.tensorcpu.internal.gemm.Sgemm;
import dev.presso.plugins.tensorcpu.internal.parallel.WorkerPool;

/**
 * Pure-Java implementation, for where native code cannot load. The decompositions work in double
 * (Householder QR, tridiagonal QL, bidiagonal QR); Cholesky and the triangular solve are blocked
 * around {@link Sgemm}, like LAPACK's single-precision routines.
 *
 * <p>Arguments are validated by {@link ValidatingLinearAlgebra}; this class assumes non-empty,
 * well-sized arrays.
 */
final class JavaLinearAlgebra implements DenseLinearAlgebra {
    private final WorkerPool pool;
    private final Sgemm gemm;

    JavaLinearAlgebra(WorkerPool pool, Sgemm gemm) {
        this.pool = pool;
        this.gemm = gemm;
    }

    @Override
    public String description() {
        return "pure Java (double-precision Householder/QL/bidiagonal QR, blocked Cholesky)";
    }

    @Override
    public boolean isNative() {
        return false;
    }

    /** A wide matrix is decomposed through its transpose: {@code a^T = U' S V'^T}, {@code a = V' S U'^T}. */
    @Override
    public void svd(float[] a, int m, int n, boolean full, float[] u, float[] s, float[] vt) {
        boolean tall = m >= n;
        int rows = tall ? m : n;
        int cols = tall ? n : m;
        double[] work = tall ? DoubleMatrices.widen(a, m * n)
                : DoubleMatrices.widenTransposed(a, m, n);
        BidiagonalSvd.Result result = BidiagonalSvd.decompose(work, rows, cols, full, pool);
        DoubleMatrices.narrow(result.s(), s, cols);
        if (tall) {
            DoubleMatrices.narrow(result.u(), u, m * result.uCols());
            DoubleMatrices.narrowTransposed(result.v(), n, n, vt);
        } else {
            DoubleMatrices.narrow(result.v(), u, m * m);
            DoubleMatrices.narrowTransposed(result.u(), n, result.uCols(), vt);
        }
    }

    @Override
    public void qr(float[] a, int m, int n, float[] q, float[] r) {
        HouseholderQr factor = HouseholderQr.factor(DoubleMatrices.widen(a, m * n), m, n, pool);
        factor.r(r);
        factor.thinQ(q);
    }

    @Override
    public void cholesky(float[] a, int n, float[] l) {
        BlockedCholesky.factor(a, n, l, gemm, pool);
    }

    @Override
    public void eigh(float[] a, int n, float[] w, float[] v) {
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        SymmetricEigen.decompose(DoubleMatrices.symmetricFromLower(a, n), n, values, vectors, pool);
        DoubleMatrices.narrow(values, w, n);
        DoubleMatrices.narrow(vectors, v, n * n);
    }

    @Override
    public void triangularSolve(float[] a, int n, float[] b, int k, boolean lower,
            boolean transposeA, float[] out) {
        BlockedTriangularSolve.solve(a, n, b, k, lower, transposeA, out, gemm, pool);
    }

    /** Householder QR, {@code x = R^-1 (Q^T b)[:n]}. */
    @Override
    public void leastSquares(float[] a, int m, int n, float[] b, int k, float[] out) {
        HouseholderQr factor = HouseholderQr.factor(DoubleMatrices.widen(a, m * n), m, n, pool);
        Failures.requireFullRank(factor.diagonalMagnitudes(), m, n);
        double[] y = DoubleMatrices.widen(b, m * k);
        factor.applyQTranspose(y, k);
        factor.solveR(y, k);
        DoubleMatrices.narrow(y, out, n * k);
    }
}
