package dev.presso.plugins.tensorcpu.internal.linalg;

import dev.presso.plugins.tensorcpu.internal.parallel.WorkerPool;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Symmetric eigendecomposition in double: Householder tridiagonalization, implicit QL iterations
 * with Wilkinson-like shifts (the EISPACK {@code tql2} scheme, as in JAMA), then the
 * back-transformation. Rotations are recorded and replayed on the eigenvector rows in cache-sized
 * tiles, in parallel.
 */
final class SymmetricEigen {
    private static final double EPS = Math.ulp(1.0);
    private static final int MAX_SWEEPS_PER_VALUE = 60;
    /** Reflectors per block in the back-transformation. */
    private static final int BLOCK = 32;

    private final int n;
    private final WorkerPool pool;
    private final double[] d;
    private final double[] e;
    private final Reflector[] reflectors;

    private SymmetricEigen(int n, WorkerPool pool) {
        this.n = n;
        this.pool = pool;
        this.d = new double[n];
        this.e = new double[n];
        this.reflectors = new Reflector[Math.max(0, n - 2)];
    }

    /**
     * Decomposes {@code a = z diag(w) z^T}, eigenvalues ascending.
     *
     * @param a the full symmetric row-major matrix {@code [n, n]}, destroyed
     * @param n the order
     * @param w receives the eigenvalues
     * @param z receives the eigenvectors as columns, row-major {@code [n, n]}
     * @param pool the workers
     */
    static void decompose(double[] a, int n, double[] w, double[] z, WorkerPool pool) {
        SymmetricEigen eigen = new SymmetricEigen(n, pool);
        eigen.tridiagonalize(a);
        double[][] vectorRows = DoubleMatrices.identityRows(n);
        eigen.iterate(vectorRows);
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> eigen.d[i]));
        for (int j = 0; j < n; j++) {
            w[j] = eigen.d[order[j]];
            double[] source = vectorRows[order[j]];
            for (int r = 0; r < n; r++) {
                z[r * n + j] = source[r];
            }
        }
        BlockReflector.applyProduct(eigen.reflectors, 0, n - 2, 1, z, n, BLOCK, pool);
    }

    /** Reduces to tridiagonal {@code d, e} ({@code e[i]} couples {@code i} and {@code i + 1}). */
    private void tridiagonalize(double[] a) {
        for (int k = 0; k < n - 2; k++) {
            int offset = k + 1;
            int len = n - offset;
            double[] x = Arrays.copyOfRange(a, k * n + offset, k * n + n);
            Reflector h = Reflector.annihilating(x);
            reflectors[k] = h;
            d[k] = a[k * n + k];
            e[k] = h.beta();
            if (h.tau() != 0) {
                updateTrailing(a, offset, len, h);
            }
        }
        if (n >= 2) {
            d[n - 2] = a[(n - 2) * n + n - 2];
            e[n - 2] = a[(n - 1) * n + n - 2];
        }
        d[n - 1] = a[(n - 1) * n + n - 1];
        e[n - 1] = 0;
    }

    /** {@code A22 <- H A22 H = A22 - v w^T - w v^T} with {@code w = p - (tau/2)(p.v) v}, {@code p = tau A22 v}. */
    private void updateTrailing(double[] a, int offset, int len, Reflector h) {
        double[] v = h.v();
        double tau = h.tau();
        double[] p = new double[len];
        ParallelRanges.run(pool, len, 2L * len, (from, to) -> {
            for (int i = 0; i < len; i++) {
                double vi = v[i];
                int row = (offset + i) * n + offset;
                for (int c = from; c < to; c++) {
                    p[c] += vi * a[row + c];
                }
            }
            for (int c = from; c < to; c++) {
                p[c] *= tau;
            }
        });
        double half = 0.5 * tau * Dot.of(p, 0, v, 0, len);
        for (int i = 0; i < len; i++) {
            p[i] -= half * v[i];
        }
        ParallelRanges.run(pool, len, 4L * len, (from, to) -> {
            for (int i = from; i < to; i++) {
                double vi = v[i];
                double wi = p[i];
                int row = (offset + i) * n + offset;
                for (int c = 0; c < len; c++) {
                    a[row + c] -= vi * p[c] + wi * v[c];
                }
            }
        });
    }

    /** Implicit QL on {@code d, e}; rows of {@code vectorRows} accumulate the rotations. */
    private void iterate(double[][] vectorRows) {
        RowOperations rotations = new RowOperations(vectorRows, pool);
        double shiftSum = 0;
        double scale = 0;
        for (int l = 0; l < n; l++) {
            scale = Math.max(scale, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n - 1 && Math.abs(e[m]) > EPS * scale) {
                m++;
            }
            int sweeps = 0;
            while (m > l) {
                if (++sweeps > MAX_SWEEPS_PER_VALUE) {
                    throw Failures.notConverged("eigh", n, n);
                }
                double g = d[l];
                double p = (d[l + 1] - g) / (2 * e[l]);
                double r = Math.copySign(Math.hypot(p, 1), p);
                d[l] = e[l] / (p + r);
                d[l + 1] = e[l] * (p + r);
                double dl1 = d[l + 1];
                double h = g - d[l];
                for (int i = l + 2; i < n; i++) {
                    d[i] -= h;
                }
                shiftSum += h;
                p = d[m];
                double c = 1;
                double c2 = 1;
                double c3 = 1;
                double el1 = e[l + 1];
                double s = 0;
                double s2 = 0;
                for (int i = m - 1; i >= l; i--) {
                    c3 = c2;
                    c2 = c;
                    s2 = s;
                    g = c * e[i];
                    h = c * p;
                    r = Math.hypot(p, e[i]);
                    e[i + 1] = s * r;
                    s = e[i] / r;
                    c = p / r;
                    p = c * d[i] - s * g;
                    d[i + 1] = h + s * (c * g + s * d[i]);
                    rotations.rotate(i, i + 1, c, -s);
                }
                p = -s * s2 * c3 * el1 * e[l] / dl1;
                e[l] = s * p;
                d[l] = c * p;
                if (!(Math.abs(e[l]) > EPS * scale)) {
                    break;
                }
            }
            d[l] += shiftSum;
            e[l] = 0;
        }
        rotations.replay();
    }
}
