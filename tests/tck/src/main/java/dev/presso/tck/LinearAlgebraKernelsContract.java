package dev.presso.tck;

import static dev.presso.tck.internal.Matrices.assertNear;
import static dev.presso.tck.internal.Matrices.assertOrthonormalColumns;
import static dev.presso.tck.internal.Matrices.leftColumns;
import static dev.presso.tck.internal.Matrices.maxAbs;
import static dev.presso.tck.internal.Matrices.multiply;
import static dev.presso.tck.internal.Matrices.scaleColumns;
import static dev.presso.tck.internal.Matrices.transpose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.tck.internal.Cases;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance of every {@link dev.presso.kernel.tensor.LinearAlgebraKernels} kernel. Singular
 * and eigenvectors are unique only up to sign, so decompositions are checked by their properties:
 * reconstruction, orthonormality, ordering and triangularity, plus singular values and
 * eigenvalues against the reference. Cholesky factors and solutions are unique and are compared
 * with the reference directly. The triangle a kernel must not read is filled with NaN.
 *
 * <p>Every check is normwise within {@link Tolerances#decomposition()}: relative to the largest
 * singular value, eigenvalue magnitude, factor or solution element.
 *
 * @since 1.0
 */
public interface LinearAlgebraKernelsContract extends BackendContract {
    /**
     * SVD reconstructs the matrix with orthonormal factors and descending singular values equal
     * to the reference's, thin and full, for tall, wide and square matrices.
     *
     * @param pair the backends
     * @return one test per shape and mode
     */
    @TestFactory
    default Stream<DynamicTest> svdHasItsDefiningProperties(BackendPair pair) {
        Cases cases = new Cases(pair);
        int[][] shapes = {{1, 1}, {5, 3}, {3, 5}, {33, 17}, {17, 33}, {64, 64}, {172, 40}};
        for (int[] mn : shapes) {
            for (boolean full : new boolean[] {false, true}) {
                cases.add("svd [" + mn[0] + ", " + mn[1] + "]" + (full ? " full" : " thin"),
                        () -> checkSvd(pair, mn[0], mn[1], full));
            }
        }
        return cases.stream();
    }

    /**
     * QR reconstructs the matrix with orthonormal columns in {@code q} and exact zeros below the
     * diagonal of {@code r}.
     *
     * @param pair the backends
     * @return one test per shape
     */
    @TestFactory
    default Stream<DynamicTest> qrHasItsDefiningProperties(BackendPair pair) {
        Cases cases = new Cases(pair);
        int[][] shapes = {{1, 1}, {6, 4}, {4, 6}, {33, 33}, {172, 40}};
        for (int[] mn : shapes) {
            cases.add("qr [" + mn[0] + ", " + mn[1] + "]", () -> {
                int m = mn[0];
                int n = mn[1];
                int k = Math.min(m, n);
                PairedArray a = pair.gaussian(Shape.of(m, n));
                PairedArray q = pair.output(DType.F32, Shape.of(m, k));
                PairedArray r = pair.output(DType.F32, Shape.of(k, n));
                pair.run(s -> s.backend().qr(s.get(a), s.get(q), s.get(r)));
                double[] av = pair.expectedValues(a);
                double[] qv = pair.actualValues(q);
                double[] rv = pair.actualValues(r);
                double tol = pair.tolerances().decomposition();
                assertOrthonormalColumns("qr q", qv, m, k, tol);
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < Math.min(i, n); j++) {
                        assertEquals(0.0, rv[i * n + j], "qr: r[" + i + ", " + j + "] is below the diagonal");
                    }
                }
                assertNear("qr: q * r = a", multiply(qv, rv, m, k, n), av, tol * columnNormMax(av, m, n));
            });
        }
        return cases.stream();
    }

    /**
     * Eigendecomposition of a symmetric matrix, reading only its lower triangle: eigenvalues
     * ascending and equal to the reference's, orthonormal eigenvectors, and
     * {@code a v = v diag(w)}.
     *
     * @param pair the backends
     * @return one test per size
     */
    @TestFactory
    default Stream<DynamicTest> eighHasItsDefiningProperties(BackendPair pair) {
        Cases cases = new Cases(pair);
        for (int n : new int[] {1, 2, 7, 33, 96}) {
            cases.add("eigh [" + n + ", " + n + "]", () -> {
                double[] sym = symmetric(pair, n);
                PairedArray a = pair.upload(withUpperTriangle(sym, n, Double.NaN), DType.F32, Shape.of(n, n));
                PairedArray w = pair.output(DType.F32, Shape.of(n));
                PairedArray v = pair.output(DType.F32, Shape.of(n, n));
                pair.run(s -> s.backend().eigh(s.get(a), s.get(w), s.get(v)));
                double[] wv = pair.actualValues(w);
                double[] vv = pair.actualValues(v);
                double[] symF = withUpperTriangle(pair.expectedValues(a), n, 0);
                for (int i = 0; i < n; i++) {
                    for (int j = i + 1; j < n; j++) {
                        symF[i * n + j] = symF[j * n + i];
                    }
                }
                double scale = Math.max(maxAbs(pair.expectedValues(w)), Double.MIN_NORMAL);
                double tol = pair.tolerances().decomposition();
                for (int i = 1; i < n; i++) {
                    assertTrue(wv[i - 1] <= wv[i], "eigh: eigenvalues must ascend, w[" + (i - 1) + "] = "
                            + wv[i - 1] + " > w[" + i + "] = " + wv[i]);
                }
                assertNear("eigh: w equals the reference eigenvalues", wv, pair.expectedValues(w), tol * scale);
                assertOrthonormalColumns("eigh v", vv, n, n, tol);
                assertNear("eigh: a v = v diag(w)", multiply(symF, vv, n, n, n),
                        scaleColumns(vv, n, n, wv), tol * scale);
            });
        }
        return cases.stream();
    }

    /**
     * Cholesky matches the reference factor, reads only the lower triangle and writes zeros
     * above the diagonal.
     *
     * @param pair the backends
     * @return one test per size
     */
    @TestFactory
    default Stream<DynamicTest> choleskyMatchesReference(BackendPair pair) {
        Cases cases = new Cases(pair);
        for (int n : new int[] {1, 4, 33, 128}) {
            cases.add("cholesky [" + n + ", " + n + "]", () -> {
                PairedArray a = pair.upload(withUpperTriangle(positiveDefinite(pair, n), n, Double.NaN),
                        DType.F32, Shape.of(n, n));
                PairedArray l = pair.output(DType.F32, Shape.of(n, n));
                pair.run(s -> s.backend().cholesky(s.get(a), s.get(l)));
                double[] lv = pair.actualValues(l);
                for (int i = 0; i < n; i++) {
                    for (int j = i + 1; j < n; j++) {
                        assertEquals(0.0, lv[i * n + j], "cholesky: l[" + i + ", " + j + "] is above the diagonal");
                    }
                }
                pair.assertClose("cholesky", l, 0, pair.tolerances().decomposition());
            });
        }
        return cases.stream();
    }

    /**
     * Triangular solves match the reference for lower and upper, plain and transposed, reading
     * only the named triangle.
     *
     * @param pair the backends
     * @return one test per variant and size
     */
    @TestFactory
    default Stream<DynamicTest> triangularSolveMatchesReference(BackendPair pair) {
        Cases cases = new Cases(pair);
        for (int[] nk : new int[][] {{1, 1}, {5, 3}, {64, 17}}) {
            for (boolean lower : new boolean[] {true, false}) {
                for (boolean transpose : new boolean[] {false, true}) {
                    cases.add("triangularSolve " + (lower ? "lower" : "upper") + (transpose ? " transposed" : "")
                            + " [" + nk[0] + ", " + nk[0] + "] x [" + nk[0] + ", " + nk[1] + "]", () -> {
                        int n = nk[0];
                        PairedArray a = pair.upload(triangular(pair, n, lower), DType.F32, Shape.of(n, n));
                        PairedArray b = pair.gaussian(Shape.of(n, nk[1]));
                        PairedArray out = pair.output(DType.F32, b.shape());
                        pair.run(s -> s.backend().triangularSolve(s.get(a), s.get(b), lower, transpose, s.get(out)));
                        pair.assertClose("triangularSolve", out, 0, pair.tolerances().decomposition());
                    });
                }
            }
        }
        return cases.stream();
    }

    /**
     * Least squares matches the reference solution for tall and square full-rank matrices.
     *
     * @param pair the backends
     * @return one test per shape
     */
    @TestFactory
    default Stream<DynamicTest> leastSquaresMatchesReference(BackendPair pair) {
        Cases cases = new Cases(pair);
        for (int[] mnk : new int[][] {{1, 1, 1}, {40, 10, 1}, {10, 10, 3}, {172, 33, 5}}) {
            cases.add("leastSquares [" + mnk[0] + ", " + mnk[1] + "] with " + mnk[2] + " right-hand sides", () -> {
                PairedArray a = pair.gaussian(Shape.of(mnk[0], mnk[1]));
                PairedArray b = pair.gaussian(Shape.of(mnk[0], mnk[2]));
                PairedArray out = pair.output(DType.F32, Shape.of(mnk[1], mnk[2]));
                pair.run(s -> s.backend().leastSquares(s.get(a), s.get(b), s.get(out)));
                pair.assertClose("leastSquares", out, 0, pair.tolerances().decomposition());
            });
        }
        return cases.stream();
    }

    /**
     * Decompositions reject wrong output shapes, non-square inputs, matrices that are not
     * positive definite and underdetermined least-squares problems.
     *
     * @param pair the backends
     * @return one test per malformed call
     */
    @TestFactory
    default Stream<DynamicTest> linearAlgebraRejectsMalformedArguments(BackendPair pair) {
        Cases cases = new Cases(pair);
        cases.add("svd rejects a full-size u in thin mode", () -> {
            PairedArray a = pair.gaussian(Shape.of(5, 3));
            PairedArray u = pair.zeros(DType.F32, Shape.of(5, 5));
            PairedArray s3 = pair.zeros(DType.F32, Shape.of(3));
            PairedArray vt = pair.zeros(DType.F32, Shape.of(3, 3));
            pair.assertRejected("thin svd with u [5,5]",
                    s -> s.backend().svd(s.get(a), false, s.get(u), s.get(s3), s.get(vt)));
        });
        cases.add("cholesky rejects a non-square matrix", () -> {
            PairedArray a = pair.zeros(DType.F32, Shape.of(3, 4));
            PairedArray l = pair.zeros(DType.F32, Shape.of(3, 4));
            pair.assertRejected("cholesky [3,4]", s -> s.backend().cholesky(s.get(a), s.get(l)));
        });
        cases.add("cholesky rejects an indefinite matrix", () -> {
            PairedArray a = pair.floats(new float[] {1, 2, 2, 1}, Shape.of(2, 2));
            PairedArray l = pair.zeros(DType.F32, Shape.of(2, 2));
            pair.assertRejected("cholesky of [[1,2],[2,1]]", s -> s.backend().cholesky(s.get(a), s.get(l)));
        });
        cases.add("leastSquares rejects more columns than rows", () -> {
            PairedArray a = pair.gaussian(Shape.of(3, 5));
            PairedArray b = pair.gaussian(Shape.of(3, 1));
            PairedArray out = pair.zeros(DType.F32, Shape.of(5, 1));
            pair.assertRejected("leastSquares [3,5]",
                    s -> s.backend().leastSquares(s.get(a), s.get(b), s.get(out)));
        });
        cases.add("triangularSolve rejects right-hand sides with the wrong row count", () -> {
            PairedArray a = pair.zeros(DType.F32, Shape.of(4, 4));
            PairedArray b = pair.zeros(DType.F32, Shape.of(3, 2));
            PairedArray out = pair.zeros(DType.F32, Shape.of(3, 2));
            pair.assertRejected("triangularSolve [4,4] with b [3,2]",
                    s -> s.backend().triangularSolve(s.get(a), s.get(b), true, false, s.get(out)));
        });
        return cases.stream();
    }

    private static void checkSvd(BackendPair pair, int m, int n, boolean full) {
        int k = Math.min(m, n);
        int uCols = full ? m : k;
        int vRows = full ? n : k;
        PairedArray a = pair.gaussian(Shape.of(m, n));
        PairedArray u = pair.output(DType.F32, Shape.of(m, uCols));
        PairedArray s = pair.output(DType.F32, Shape.of(k));
        PairedArray vt = pair.output(DType.F32, Shape.of(vRows, n));
        pair.run(side -> side.backend().svd(side.get(a), full, side.get(u), side.get(s), side.get(vt)));
        double[] av = pair.expectedValues(a);
        double[] uv = pair.actualValues(u);
        double[] sv = pair.actualValues(s);
        double[] vv = pair.actualValues(vt);
        double[] expectedS = pair.expectedValues(s);
        double tol = pair.tolerances().decomposition();
        double largest = Math.max(expectedS[0], Double.MIN_NORMAL);
        for (int i = 0; i < k; i++) {
            int at = i;
            assertTrue(sv[at] >= 0, () -> "svd: s[" + at + "] = " + sv[at] + " is negative");
            assertTrue(at == 0 || sv[at - 1] >= sv[at], () -> "svd: singular values must descend, s["
                    + (at - 1) + "] = " + sv[at - 1] + " < s[" + at + "] = " + sv[at]);
        }
        assertNear("svd: s equals the reference singular values", sv, expectedS, tol * largest);
        assertOrthonormalColumns("svd u", uv, m, uCols, tol);
        assertOrthonormalColumns("svd vt^T", transpose(vv, vRows, n), n, vRows, tol);
        double[] us = scaleColumns(leftColumns(uv, m, uCols, k), m, k, sv);
        double[] vk = java.util.Arrays.copyOf(vv, k * n);
        assertNear("svd: u diag(s) vt = a", multiply(us, vk, m, k, n), av, tol * largest);
    }

    private static double columnNormMax(double[] a, int m, int n) {
        double max = 0;
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int i = 0; i < m; i++) {
                sum += a[i * n + j] * a[i * n + j];
            }
            max = Math.max(max, Math.sqrt(sum));
        }
        return Math.max(max, Double.MIN_NORMAL);
    }

    private static double[] symmetric(BackendPair pair, int n) {
        double[] x = pair.gaussianValues(n * n, 1);
        double[] sym = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sym[i * n + j] = (float) ((x[i * n + j] + x[j * n + i]) / 2);
            }
        }
        return sym;
    }

    /** Returns {@code x x^T / n + I}, symmetric positive definite and well conditioned. */
    private static double[] positiveDefinite(BackendPair pair, int n) {
        double[] x = pair.gaussianValues(n * n, 1);
        double[] spd = multiply(x, transpose(x, n, n), n, n, n);
        for (int i = 0; i < spd.length; i++) {
            spd[i] = spd[i] / n + (i % (n + 1) == 0 ? 1 : 0);
        }
        return spd;
    }

    /** Returns a well-conditioned triangular matrix whose other triangle is NaN. */
    private static double[] triangular(BackendPair pair, int n, boolean lower) {
        double[] t = pair.gaussianValues(n * n, 0.5 / Math.sqrt(n));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                boolean inside = lower ? j <= i : j >= i;
                if (!inside) {
                    t[i * n + j] = Double.NaN;
                } else if (i == j) {
                    double d = 1 + Math.abs(pair.random().nextDouble());
                    t[i * n + j] = pair.random().nextBoolean() ? d : -d;
                }
            }
        }
        return t;
    }

    /** Returns a copy with every element above the diagonal set to {@code fill}. */
    private static double[] withUpperTriangle(double[] a, int n, double fill) {
        double[] out = a.clone();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                out[i * n + j] = fill;
            }
        }
        return out;
    }
}
