package dev.presso.plugins.tensorcpu.internal.linalg;

import dev.presso.plugins.tensorcpu.internal.gemm.Sgemm;
import dev.presso.plugins.tensorcpu.internal.parallel.WorkerPool;

/**
 * Left-looking blocked Cholesky: each block column is first updated by one {@link Sgemm} call with
 * the columns already factored, then its diagonal block is factored in double and the rows below
 * it are solved against that block in double, in parallel.
 */
final class BlockedCholesky {
    private static final int BLOCK = 64;

    private BlockedCholesky() {
    }

    /**
     * Writes the lower factor {@code l} of the symmetric positive definite {@code a [n, n]}.
     *
     * @throws dev.presso.kernel.tensor.TensorException if {@code a} is not positive definite
     */
    static void factor(float[] a, int n, float[] l, Sgemm gemm, WorkerPool pool) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                l[i * n + j] = j <= i ? a[i * n + j] : 0f;
            }
        }
        for (int j0 = 0; j0 < n; j0 += BLOCK) {
            int jb = Math.min(BLOCK, n - j0);
            if (j0 > 0) {
                gemm.multiply(false, true, n - j0, jb, j0, -1f, l, j0 * n, n, l, j0 * n, n, 1f, l,
                        j0 * n + j0, n);
            }
            double[] diagonal = factorDiagonalBlock(l, n, j0, jb);
            solveBelow(l, n, j0, jb, diagonal, pool);
        }
    }

    /** Factors {@code l[j0:j0+jb, j0:j0+jb]} in double, writes it back and returns it. */
    private static double[] factorDiagonalBlock(float[] l, int n, int j0, int jb) {
        double[] d = new double[jb * jb];
        for (int r = 0; r < jb; r++) {
            for (int c = 0; c <= r; c++) {
                d[r * jb + c] = l[(j0 + r) * n + j0 + c];
            }
        }
        for (int c = 0; c < jb; c++) {
            double pivot = d[c * jb + c] - Dot.of(d, c * jb, d, c * jb, c);
            if (!(pivot > 0)) {
                throw Failures.notPositiveDefinite(n, j0 + c + 1);
            }
            double root = Math.sqrt(pivot);
            d[c * jb + c] = root;
            for (int r = c + 1; r < jb; r++) {
                d[r * jb + c] = (d[r * jb + c] - Dot.of(d, r * jb, d, c * jb, c)) / root;
            }
        }
        for (int r = 0; r < jb; r++) {
            for (int c = 0; c < jb; c++) {
                l[(j0 + r) * n + j0 + c] = c <= r ? (float) d[r * jb + c] : 0f;
            }
        }
        return d;
    }

    /** Solves {@code x L11^T = row} for every row below the diagonal block. */
    private static void solveBelow(float[] l, int n, int j0, int jb, double[] d, WorkerPool pool) {
        int first = j0 + jb;
        ParallelRanges.run(pool, n - first, (long) jb * jb, (from, to) -> {
            double[] x = new double[jb];
            for (int r = first + from; r < first + to; r++) {
                int row = r * n + j0;
                for (int c = 0; c < jb; c++) {
                    x[c] = (l[row + c] - Dot.of(x, 0, d, c * jb, c)) / d[c * jb + c];
                }
                for (int c = 0; c < jb; c++) {
                    l[row + c] = (float) x[c];
                }
            }
        });
    }
}
