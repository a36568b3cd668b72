package dev.presso.plugins.tensorcpu.internal.linalg;

import dev.presso.plugins.tensorcpu.internal.parallel.WorkerPool;
import java.util.Arrays;

/**
 * Consecutive reflectors {@code H_0 ... H_{b-1}} (reflector {@code j} starts {@code j} rows below
 * the first) in the compact WY form {@code H_0 ... H_{b-1} = I - V T V^T} (LAPACK {@code dlarft},
 * forward, column-wise). Applying the block streams the target twice instead of twice per
 * reflector, which is what makes blocked QR cache friendly.
 */
final class BlockReflector {
    /** Columns per pass, so that {@code W [size, TILE]} fits in the L2 cache. */
    private static final int TILE = 256;

    private final int rows;
    private final int size;
    /** {@code V [rows, size]} row-major, unit lower trapezoidal. */
    private final double[] v;
    /** {@code T [size, size]} row-major, upper triangular. */
    private final double[] t;

    /**
     * Builds the block from reflectors whose vectors have lengths {@code rows, rows - 1, ...}.
     *
     * @param reflectors the reflectors, in application order of the product
     * @param from the first index used
     * @param to one past the last index used
     */
    BlockReflector(Reflector[] reflectors, int from, int to) {
        this.size = to - from;
        this.rows = reflectors[from].v().length;
        this.v = new double[rows * size];
        this.t = new double[size * size];
        for (int j = 0; j < size; j++) {
            double[] vj = reflectors[from + j].v();
            for (int i = 0; i < vj.length; i++) {
                v[(j + i) * size + j] = vj[i];
            }
        }
        double[] column = new double[size];
        for (int j = 0; j < size; j++) {
            double tau = reflectors[from + j].tau();
            // column[0:j] = -tau * V[:, 0:j]^T v_j, then T[0:j, j] = T[0:j, 0:j] column[0:j]
            Arrays.fill(column, 0);
            for (int i = j; i < rows; i++) {
                double vij = v[i * size + j];
                for (int p = 0; p < j; p++) {
                    column[p] -= tau * v[i * size + p] * vij;
                }
            }
            for (int p = 0; p < j; p++) {
                double sum = 0;
                for (int q = p; q < j; q++) {
                    sum += t[p * size + q] * column[q];
                }
                t[p * size + j] = sum;
            }
            t[j * size + j] = tau;
        }
    }

    /**
     * Overwrites {@code c} with {@code H_from ... H_{to-1} c}, where reflector {@code j} acts on
     * rows {@code firstRow + (j - from)} and below, grouping the reflectors into blocks of
     * {@code blockSize}.
     *
     * @param c the row-major target, all of whose {@code ld} columns are transformed
     */
    static void applyProduct(Reflector[] reflectors, int from, int to, int firstRow, double[] c,
            int ld, int blockSize, WorkerPool pool) {
        int blocks = (to - from + blockSize - 1) / blockSize;
        for (int b = blocks - 1; b >= 0; b--) {
            int j0 = from + b * blockSize;
            int j1 = Math.min(to, j0 + blockSize);
            new BlockReflector(reflectors, j0, j1).applyLeft(c, ld, firstRow + (j0 - from), 0, ld,
                    false, pool);
        }
    }

    /**
     * Applies {@code I - V T V^T} (or, with {@code transpose}, {@code I - V T^T V^T}) from the left
     * to rows {@code [row0, row0 + rows)} and columns {@code [col0, col1)} of a row-major matrix.
     */
    void applyLeft(double[] a, int ld, int row0, int col0, int col1, boolean transpose,
            WorkerPool pool) {
        if (col1 <= col0) {
            return;
        }
        ParallelRanges.run(pool, col1 - col0, 4L * rows * size, (from, to) -> {
            for (int tile = from; tile < to; tile += TILE) {
                applyToColumns(a, ld, row0, col0 + tile, Math.min(TILE, to - tile), transpose);
            }
        });
    }

    /**
     * Applies the block to one tile of columns; {@code W = V^T C} stays in cache. Both passes
     * combine four rows of {@code V} per sweep over the tile to cut loads and stores.
     */
    private void applyToColumns(double[] a, int ld, int row0, int c0, int width,
            boolean transpose) {
        double[] w = new double[size * width];
        int i = 0;
        for (; i + 3 < rows; i += 4) {
            int b0 = (row0 + i) * ld + c0;
            int b1 = b0 + ld;
            int b2 = b1 + ld;
            int b3 = b2 + ld;
            int vi = i * size;
            for (int p = 0; p < size; p++) {
                double v0 = v[vi + p];
                double v1 = v[vi + size + p];
                double v2 = v[vi + 2 * size + p];
                double v3 = v[vi + 3 * size + p];
                int wp = p * width;
                for (int c = 0; c < width; c++) {
                    w[wp + c] += v0 * a[b0 + c] + v1 * a[b1 + c] + v2 * a[b2 + c]
                            + v3 * a[b3 + c];
                }
            }
        }
        for (; i < rows; i++) {
            int base = (row0 + i) * ld + c0;
            for (int p = 0; p < size; p++) {
                double vip = v[i * size + p];
                int wp = p * width;
                for (int c = 0; c < width; c++) {
                    w[wp + c] += vip * a[base + c];
                }
            }
        }
        double[] tw = multiplyByT(w, width, transpose);
        for (int r = 0; r < rows; r++) {
            int base = (row0 + r) * ld + c0;
            int vr = r * size;
            int last = Math.min(size, r + 1);
            int p = 0;
            for (; p + 3 < last; p += 4) {
                double v0 = v[vr + p];
                double v1 = v[vr + p + 1];
                double v2 = v[vr + p + 2];
                double v3 = v[vr + p + 3];
                int w0 = p * width;
                int w1 = w0 + width;
                int w2 = w1 + width;
                int w3 = w2 + width;
                for (int c = 0; c < width; c++) {
                    a[base + c] -= v0 * tw[w0 + c] + v1 * tw[w1 + c] + v2 * tw[w2 + c]
                            + v3 * tw[w3 + c];
                }
            }
            for (; p < last; p++) {
                double vrp = v[vr + p];
                int wp = p * width;
                for (int c = 0; c < width; c++) {
                    a[base + c] -= vrp * tw[wp + c];
                }
            }
        }
    }

    /** Returns {@code T W} or {@code T^T W} for {@code W [size, width]}. */
    private double[] multiplyByT(double[] w, int width, boolean transpose) {
        double[] out = new double[size * width];
        for (int p = 0; p < size; p++) {
            int op = p * width;
            int qFrom = transpose ? 0 : p;
            int qTo = transpose ? p + 1 : size;
            for (int q = qFrom; q < qTo; q++) {
                double tpq = transpose ? t[q * size + p] : t[p * size + q];
                int wq = q * width;
                for (int c = 0; c < width; c++) {
                    out[op + c] += tpq * w[wq + c];
                }
            }
        }
        return out;
    }
}
