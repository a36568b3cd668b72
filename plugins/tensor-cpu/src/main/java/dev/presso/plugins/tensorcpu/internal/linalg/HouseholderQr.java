package dev.presso.plugins.tensorcpu.internal.linalg;

import dev.presso.plugins.tensorcpu.internal.parallel.WorkerPool;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocked Householder QR of a row-major double matrix {@code a [m, n]}:
 * {@code a = H_0 ... H_{k-1} R}. Each panel of {@link #BLOCK} columns is factored column by
 * column, then applied to the trailing columns as one {@link BlockReflector}. The factor keeps the
 * blocks, so callers can form {@code Q} or apply {@code Q} and {@code Q^T}.
 */
final class HouseholderQr {
    private static final int BLOCK = 32;

    private final double[] a;
    private final int m;
    private final int n;
    private final int k;
    private final List<BlockReflector> blocks = new ArrayList<>();
    private final WorkerPool pool;

    private HouseholderQr(double[] a, int m, int n, WorkerPool pool) {
        this.a = a;
        this.m = m;
        this.n = n;
        this.k = Math.min(m, n);
        this.pool = pool;
    }

    /**
     * Factors {@code a} in place (its upper triangle becomes {@code R}).
     *
     * @param a the row-major matrix, overwritten
     * @param m the row count
     * @param n the column count
     * @param pool the workers
     * @return the factorization
     */
    static HouseholderQr factor(double[] a, int m, int n, WorkerPool pool) {
        HouseholderQr qr = new HouseholderQr(a, m, n, pool);
        Reflector[] reflectors = new Reflector[qr.k];
        for (int j0 = 0; j0 < qr.k; j0 += BLOCK) {
            int j1 = Math.min(qr.k, j0 + BLOCK);
            for (int j = j0; j < j1; j++) {
                double[] x = new double[m - j];
                for (int i = 0; i < x.length; i++) {
                    x[i] = a[(j + i) * n + j];
                }
                Reflector h = Reflector.annihilating(x);
                a[j * n + j] = h.beta();
                for (int i = 1; i < x.length; i++) {
                    a[(j + i) * n + j] = 0;
                }
                h.applyLeft(a, n, j, j + 1, j1, pool);
                reflectors[j] = h;
            }
            BlockReflector block = new BlockReflector(reflectors, j0, j1);
            block.applyLeft(a, n, j0, j1, n, true, pool);
            qr.blocks.add(block);
        }
        return qr;
    }

    /** Writes {@code R [k, n]} (zeros below the diagonal). */
    void r(float[] r) {
        for (int i = 0; i < k; i++) {
            for (int c = 0; c < n; c++) {
                r[i * n + c] = c >= i ? (float) a[i * n + c] : 0f;
            }
        }
    }

    /** Returns the square {@code R [n, n]} in double, for {@code m >= n}. */
    double[] squareR() {
        double[] r = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * n + i, r, i * n + i, n - i);
        }
        return r;
    }

    /** Writes the thin {@code Q [m, k]}. */
    void thinQ(float[] q) {
        double[] dense = new double[m * k];
        for (int j = 0; j < k; j++) {
            dense[j * k + j] = 1;
        }
        // columns left of a block's first row are unit vectors that the block leaves unchanged
        for (int b = blocks.size() - 1; b >= 0; b--) {
            int row0 = b * BLOCK;
            blocks.get(b).applyLeft(dense, k, row0, row0, k, false, pool);
        }
        DoubleMatrices.narrow(dense, q, m * k);
    }

    /** Overwrites the row-major {@code c [m, cols]} with {@code Q c}. */
    void applyQ(double[] c, int cols) {
        for (int b = blocks.size() - 1; b >= 0; b--) {
            blocks.get(b).applyLeft(c, cols, b * BLOCK, 0, cols, false, pool);
        }
    }

    /** Overwrites the row-major {@code c [m, cols]} with {@code Q^T c}. */
    void applyQTranspose(double[] c, int cols) {
        for (int b = 0; b < blocks.size(); b++) {
            blocks.get(b).applyLeft(c, cols, b * BLOCK, 0, cols, true, pool);
        }
    }

    /** Returns the absolute values of {@code R}'s diagonal. */
    double[] diagonalMagnitudes() {
        double[] d = new double[k];
        for (int i = 0; i < k; i++) {
            d[i] = Math.abs(a[i * n + i]);
        }
        return d;
    }

    /**
     * Solves {@code R[:n, :n] x = y[:n]} by back substitution, for {@code m >= n}.
     *
     * @param y the row-major right-hand sides {@code [>= n, cols]}, overwritten by {@code x} in
     *     its first {@code n} rows
     * @param cols the number of right-hand sides
     */
    void solveR(double[] y, int cols) {
        for (int i = n - 1; i >= 0; i--) {
            int row = i * cols;
            for (int p = i + 1; p < n; p++) {
                double rip = a[i * n + p];
                int other = p * cols;
                for (int c = 0; c < cols; c++) {
                    y[row + c] -= rip * y[other + c];
                }
            }
            double inverse = 1 / a[i * n + i];
            for (int c = 0; c < cols; c++) {
                y[row + c] *= inverse;
            }
        }
    }
}
