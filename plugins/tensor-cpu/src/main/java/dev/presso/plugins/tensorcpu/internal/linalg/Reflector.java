package dev.presso.plugins.tensorcpu.internal.linalg;

import dev.presso.plugins.tensorcpu.internal.parallel.WorkerPool;

/**
 * A Householder reflector {@code H = I - tau v v^T} with {@code v[0] = 1}, made as in LAPACK's
 * {@code dlarfg} so that {@code H x = beta e_1}. Applications to row-major double matrices are
 * written as row-wise AXPYs (which the JIT vectorizes) and split over the workers.
 *
 * @param v the reflector vector, {@code v[0] == 1}
 * @param tau the scale, 0 when {@code H} is the identity
 * @param beta the first entry of {@code H x}
 */
record Reflector(double[] v, double tau, double beta) {

    /**
     * Makes the reflector that maps {@code x} to {@code beta e_1}.
     *
     * @param x the vector, overwritten with {@code v}
     * @return the reflector
     */
    static Reflector annihilating(double[] x) {
        double alpha = x[0];
        // Entries come from float data, so squares cannot overflow or underflow in double.
        double tailNorm = Math.sqrt(Dot.of(x, 1, x, 1, x.length - 1));
        x[0] = 1;
        if (tailNorm == 0) {
            for (int i = 1; i < x.length; i++) {
                x[i] = 0;
            }
            return new Reflector(x, 0, alpha);
        }
        double beta = -Math.copySign(Math.hypot(alpha, tailNorm), alpha);
        double scale = 1 / (alpha - beta);
        for (int i = 1; i < x.length; i++) {
            x[i] *= scale;
        }
        return new Reflector(x, (beta - alpha) / beta, beta);
    }

    /**
     * Applies {@code H} from the left to rows {@code [row0, row0 + v.length)} and columns
     * {@code [col0, col1)} of a row-major matrix; parts of the column range run in parallel.
     */
    void applyLeft(double[] a, int ld, int row0, int col0, int col1, WorkerPool pool) {
        if (tau == 0 || col1 <= col0) {
            return;
        }
        int rows = v.length;
        ParallelRanges.run(pool, col1 - col0, 4L * rows, (from, to) -> {
            int c0 = col0 + from;
            int width = to - from;
            double[] s = new double[width];
            for (int i = 0; i < rows; i++) {
                double vi = v[i];
                int base = (row0 + i) * ld + c0;
                for (int c = 0; c < width; c++) {
                    s[c] += vi * a[base + c];
                }
            }
            for (int c = 0; c < width; c++) {
                s[c] *= tau;
            }
            for (int i = 0; i < rows; i++) {
                double vi = v[i];
                int base = (row0 + i) * ld + c0;
                for (int c = 0; c < width; c++) {
                    a[base + c] -= vi * s[c];
                }
            }
        });
    }

    /**
     * Applies {@code H} from the right to rows {@code [row0, row1)} and columns
     * {@code [col0, col0 + v.length)} of a row-major matrix; parts of the row range run in
     * parallel.
     */
    void applyRight(double[] a, int ld, int row0, int row1, int col0, WorkerPool pool) {
        if (tau == 0 || row1 <= row0) {
            return;
        }
        int cols = v.length;
        ParallelRanges.run(pool, row1 - row0, 4L * cols, (from, to) -> {
            for (int r = row0 + from; r < row0 + to; r++) {
                int base = r * ld + col0;
                double s = tau * Dot.of(a, base, v, 0, cols);
                for (int c = 0; c < cols; c++) {
                    a[base + c] -= s * v[c];
                }
            }
        });
    }
}
