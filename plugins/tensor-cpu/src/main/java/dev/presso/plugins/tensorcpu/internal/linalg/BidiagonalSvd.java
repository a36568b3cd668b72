package dev.presso.plugins.tensorcpu.internal.linalg;

import dev.presso.plugins.tensorcpu.internal.parallel.WorkerPool;
import java.util.Arrays;

/**
 * Singular value decomposition in double of a row-major {@code a [m, n]} with {@code m >= n}:
 * Householder bidiagonalization, then implicit-shift QR on the bidiagonal (the LINPACK
 * {@code dsvdc} scheme, as in JAMA), then the back-transformation of the {@code n x n} bidiagonal
 * singular vectors. Rotations are recorded and replayed on the vector rows in cache-sized tiles,
 * in parallel.
 */
final class BidiagonalSvd {
    private static final double EPS = Math.ulp(1.0);
    private static final double TINY = 0x1p-966;
    private static final int MAX_STEPS_PER_VALUE = 75;
    /** Reflectors per block in the back-transformation. */
    private static final int BLOCK = 32;

    /**
     * The factors, all row-major.
     *
     * @param s the singular values, descending {@code [n]}
     * @param u the left singular vectors as columns {@code [m, uCols]}
     * @param uCols {@code n} (thin) or {@code m} (full)
     * @param v the right singular vectors as columns {@code [n, n]}
     */
    record Result(double[] s, double[] u, int uCols, double[] v) {
    }

    private final int m;
    private final int n;
    private final WorkerPool pool;
    private final double[] s;
    private final double[] e;
    private final Reflector[] left;
    private final Reflector[] right;
    /** Rows are the left vectors of the bidiagonal, {@code [n, n]}. */
    private final double[][] uRows;
    /** Rows are the right vectors of the bidiagonal, {@code [n, n]}. */
    private final double[][] vRows;
    private final RowOperations uOperations;
    private final RowOperations vOperations;

    private BidiagonalSvd(int m, int n, WorkerPool pool) {
        this.m = m;
        this.n = n;
        this.pool = pool;
        this.s = new double[n];
        this.e = new double[n];
        this.left = new Reflector[n];
        this.right = new Reflector[n];
        this.uRows = DoubleMatrices.identityRows(n);
        this.vRows = DoubleMatrices.identityRows(n);
        this.uOperations = new RowOperations(uRows, pool);
        this.vOperations = new RowOperations(vRows, pool);
    }

    /**
     * Decomposes {@code a = u diag(s) v^T}.
     *
     * @param a the row-major matrix, destroyed
     * @param m the row count, at least {@code n}
     * @param n the column count, at least 1
     * @param fullU whether {@code u} is {@code [m, m]} rather than {@code [m, n]}
     * @param pool the workers
     * @return the factors
     */
    static Result decompose(double[] a, int m, int n, boolean fullU, WorkerPool pool) {
        if (m * 3L >= n * 5L) {
            return decomposeThroughQr(a, m, n, fullU, pool);
        }
        return decomposeDirectly(a, m, n, fullU, pool);
    }

    /**
     * For tall matrices: {@code a = Q R}, {@code R = U_R S V^T}, {@code u = Q [U_R 0; 0 I]}. The
     * blocked QR streams the tall matrix far less often than a direct bidiagonalization.
     */
    private static Result decomposeThroughQr(double[] a, int m, int n, boolean fullU,
            WorkerPool pool) {
        HouseholderQr qr = HouseholderQr.factor(a, m, n, pool);
        Result small = decomposeDirectly(qr.squareR(), n, n, false, pool);
        int cols = fullU ? m : n;
        double[] u = new double[m * cols];
        for (int i = 0; i < n; i++) {
            System.arraycopy(small.u(), i * n, u, i * cols, n);
        }
        for (int j = n; j < cols; j++) {
            u[j * cols + j] = 1;
        }
        qr.applyQ(u, cols);
        return new Result(small.s(), u, cols, small.v());
    }

    private static Result decomposeDirectly(double[] a, int m, int n, boolean fullU,
            WorkerPool pool) {
        BidiagonalSvd svd = new BidiagonalSvd(m, n, pool);
        svd.bidiagonalize(a);
        svd.iterate();
        return new Result(svd.s, svd.leftVectors(fullU), fullU ? m : n, svd.rightVectors());
    }

    /** {@code a = H_0..H_{n-1} B G_{n-2}..G_0} with B upper bidiagonal ({@code s}, {@code e}). */
    private void bidiagonalize(double[] a) {
        for (int k = 0; k < n; k++) {
            double[] column = new double[m - k];
            for (int i = 0; i < column.length; i++) {
                column[i] = a[(k + i) * n + k];
            }
            Reflector h = Reflector.annihilating(column);
            left[k] = h;
            s[k] = h.beta();
            h.applyLeft(a, n, k, k + 1, n, pool);
            if (k < n - 1) {
                double[] row = Arrays.copyOfRange(a, k * n + k + 1, k * n + n);
                Reflector g = Reflector.annihilating(row);
                right[k] = g;
                e[k] = g.beta();
                g.applyRight(a, n, k + 1, m, k + 1, pool);
            }
        }
    }

    /** Drives {@code e} to zero; see JAMA's {@code SingularValueDecomposition} for the cases. */
    private void iterate() {
        int p = n;
        int last = n - 1;
        int steps = 0;
        while (p > 0) {
            int k;
            for (k = p - 2; k >= 0; k--) {
                if (Math.abs(e[k]) <= TINY + EPS * (Math.abs(s[k]) + Math.abs(s[k + 1]))) {
                    e[k] = 0;
                    break;
                }
            }
            int kase;
            if (k == p - 2) {
                kase = 4;
            } else {
                int ks;
                for (ks = p - 1; ks > k; ks--) {
                    double t = (ks != p ? Math.abs(e[ks]) : 0) + (ks != k + 1 ? Math.abs(e[ks - 1]) : 0);
                    if (Math.abs(s[ks]) <= TINY + EPS * t) {
                        s[ks] = 0;
                        break;
                    }
                }
                if (ks == k) {
                    kase = 3;
                } else if (ks == p - 1) {
                    kase = 1;
                } else {
                    kase = 2;
                    k = ks;
                }
            }
            k++;
            switch (kase) {
                case 1 -> deflateLast(k, p);
                case 2 -> split(k, p);
                case 3 -> {
                    if (++steps > MAX_STEPS_PER_VALUE) {
                        throw Failures.notConverged("svd", m, n);
                    }
                    qrStep(k, p);
                }
                default -> {
                    converge(k, last);
                    steps = 0;
                    p--;
                }
            }
        }
        uOperations.replay();
        vOperations.replay();
    }

    /** Case 1: {@code s[p-1]} is negligible; chase {@code e[p-2]} up with right rotations. */
    private void deflateLast(int k, int p) {
        double f = e[p - 2];
        e[p - 2] = 0;
        for (int j = p - 2; j >= k; j--) {
            double t = Math.hypot(s[j], f);
            double cs = s[j] / t;
            double sn = f / t;
            s[j] = t;
            if (j != k) {
                f = -sn * e[j - 1];
                e[j - 1] = cs * e[j - 1];
            }
            vOperations.rotate(j, p - 1, cs, sn);
        }
    }

    /** Case 2: {@code s[k-1]} is negligible; split with left rotations. */
    private void split(int k, int p) {
        double f = e[k - 1];
        e[k - 1] = 0;
        for (int j = k; j < p; j++) {
            double t = Math.hypot(s[j], f);
            double cs = s[j] / t;
            double sn = f / t;
            s[j] = t;
            f = -sn * e[j];
            e[j] = cs * e[j];
            uOperations.rotate(j, k - 1, cs, sn);
        }
    }

    /** Case 3: one implicit-shift QR step on {@code s[k..p-1]}. */
    private void qrStep(int k, int p) {
        double scale = Math.max(Math.max(Math.max(Math.max(Math.abs(s[p - 1]),
                Math.abs(s[p - 2])), Math.abs(e[p - 2])), Math.abs(s[k])), Math.abs(e[k]));
        double sp = s[p - 1] / scale;
        double spm1 = s[p - 2] / scale;
        double epm1 = e[p - 2] / scale;
        double sk = s[k] / scale;
        double ek = e[k] / scale;
        double b = ((spm1 + sp) * (spm1 - sp) + epm1 * epm1) / 2;
        double c = (sp * epm1) * (sp * epm1);
        double shift = 0;
        if (b != 0 || c != 0) {
            shift = Math.sqrt(b * b + c);
            if (b < 0) {
                shift = -shift;
            }
            shift = c / (b + shift);
        }
        double f = (sk + sp) * (sk - sp) + shift;
        double g = sk * ek;
        for (int j = k; j < p - 1; j++) {
            double t = Math.hypot(f, g);
            double cs = f / t;
            double sn = g / t;
            if (j != k) {
                e[j - 1] = t;
            }
            f = cs * s[j] + sn * e[j];
            e[j] = cs * e[j] - sn * s[j];
            g = sn * s[j + 1];
            s[j + 1] = cs * s[j + 1];
            vOperations.rotate(j, j + 1, cs, sn);
            t = Math.hypot(f, g);
            cs = f / t;
            sn = g / t;
            s[j] = t;
            f = cs * e[j] + sn * s[j + 1];
            s[j + 1] = -sn * e[j] + cs * s[j + 1];
            g = sn * e[j + 1];
            e[j + 1] = cs * e[j + 1];
            uOperations.rotate(j, j + 1, cs, sn);
        }
        e[p - 2] = f;
    }

    /** Case 4: {@code s[k]} converged; make it non-negative and move it into descending order. */
    private void converge(int k, int last) {
        if (s[k] <= 0) {
            s[k] = s[k] < 0 ? -s[k] : 0;
            vOperations.negate(k);
        }
        while (k < last && s[k] < s[k + 1]) {
            double t = s[k];
            s[k] = s[k + 1];
            s[k + 1] = t;
            vOperations.swap(k, k + 1);
            uOperations.swap(k, k + 1);
            k++;
        }
    }

    /** {@code u = H_0..H_{n-1} [U_B 0; 0 I]}, row-major {@code [m, uCols]}. */
    private double[] leftVectors(boolean full) {
        int cols = full ? m : n;
        double[] u = new double[m * cols];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                u[i * cols + j] = uRows[j][i];
            }
        }
        for (int j = n; j < cols; j++) {
            u[j * cols + j] = 1;
        }
        BlockReflector.applyProduct(left, 0, n, 0, u, cols, BLOCK, pool);
        return u;
    }

    /** {@code v = G_0..G_{n-2} V_B}, row-major {@code [n, n]}. */
    private double[] rightVectors() {
        double[] v = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                v[i * n + j] = vRows[j][i];
            }
        }
        BlockReflector.applyProduct(right, 0, n - 1, 1, v, n, BLOCK, pool);
        return v;
    }
}
