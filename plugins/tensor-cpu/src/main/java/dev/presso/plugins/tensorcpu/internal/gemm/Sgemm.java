package dev.presso.plugins.tensorcpu.internal.gemm;

import dev.presso.plugins.tensorcpu.internal.parallel.WorkerPool;

/**
 * Row-major single-precision matrix product {@code C = alpha * op(A) * op(B) + beta * C}.
 *
 * <p>A is {@code m x k} after {@code op} (stored {@code k x m} when transposed) with row stride
 * {@code lda}; B is {@code k x n} after {@code op} with row stride {@code ldb}; C is {@code m x n}
 * with row stride {@code ldc}. When {@code beta == 0}, C's previous contents are ignored.
 */
public final class Sgemm {
    private final WorkerPool pool;

    /**
     * Creates the product kernel.
     *
     * @param pool the workers to run on
     */
    public Sgemm(WorkerPool pool) {
        this.pool = pool;
    }

    /**
     * Computes the product; see the class comment for the layout.
     */
    public void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha,
            float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb, float beta,
            float[] c, int cOffset, int ldc) {
        // Provisional naive loop; the blocked Vector API kernel replaces it.
        pool.parallelFor(m, i -> {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    float bv = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                    sum += av * bv;
                }
                int ci = cOffset + i * ldc + j;
                c[ci] = beta == 0f ? alpha * sum : alpha * sum + beta * c[ci];
            }
        });
    }
}
