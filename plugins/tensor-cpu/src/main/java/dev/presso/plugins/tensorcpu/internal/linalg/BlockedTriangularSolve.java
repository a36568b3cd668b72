package dev.presso.plugins.tensorcpu.internal.linalg;

import dev.presso.plugins.tensorcpu.internal.gemm.Sgemm;
import dev.presso.plugins.tensorcpu.internal.parallel.WorkerPool;

/**
 * Blocked substitution for {@code op(a) x = b}: each block of rows is first updated by one
 * {@link Sgemm} call with the rows already solved, then solved within the block by row AXPYs,
 * with the right-hand-side columns split over the workers.
 */
final class BlockedTriangularSolve {
    private static final int BLOCK = 64;

    private BlockedTriangularSolve() {
    }

    /** See {@link DenseLinearAlgebra#triangularSolve}; the diagonal must have no zeros. */
    static void solve(float[] a, int n, float[] b, int k, boolean lower, boolean transposeA,
            float[] out, Sgemm gemm, WorkerPool pool) {
        System.arraycopy(b, 0, out, 0, n * k);
        boolean forward = lower != transposeA;
        if (forward) {
            for (int i0 = 0; i0 < n; i0 += BLOCK) {
                int i1 = Math.min(n, i0 + BLOCK);
                if (i0 > 0) {
                    gemm.multiply(transposeA, false, i1 - i0, k, i0, -1f, a,
                            transposeA ? i0 : i0 * n, n, out, 0, k, 1f, out, i0 * k, k);
                }
                solveBlock(a, n, out, k, i0, i1, transposeA, true, pool);
            }
        } else {
            for (int i1 = n; i1 > 0; i1 -= BLOCK) {
                int i0 = Math.max(0, i1 - BLOCK);
                if (i1 < n) {
                    gemm.multiply(transposeA, false, i1 - i0, k, n - i1, -1f, a,
                            transposeA ? i1 * n + i0 : i0 * n + i1, n, out, i1 * k, k, 1f, out,
                            i0 * k, k);
                }
                solveBlock(a, n, out, k, i0, i1, transposeA, false, pool);
            }
        }
    }

    private static void solveBlock(float[] a, int n, float[] x, int k, int i0, int i1,
            boolean transposeA, boolean forward, WorkerPool pool) {
        int size = i1 - i0;
        ParallelRanges.run(pool, k, (long) size * size, (from, to) -> {
            for (int step = 0; step < size; step++) {
                int i = forward ? i0 + step : i1 - 1 - step;
                int row = i * k;
                int pFrom = forward ? i0 : i + 1;
                int pTo = forward ? i : i1;
                for (int p = pFrom; p < pTo; p++) {
                    float coefficient = transposeA ? a[p * n + i] : a[i * n + p];
                    int other = p * k;
                    for (int c = from; c < to; c++) {
                        x[row + c] -= coefficient * x[other + c];
                    }
                }
                float inverse = 1f / a[i * n + i];
                for (int c = from; c < to; c++) {
                    x[row + c] *= inverse;
                }
            }
        });
    }
}
