package dev.presso.plugins.tensorcpu.internal.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcpu.internal.gemm.Sgemm;
import dev.presso.plugins.tensorcpu.internal.parallel.WorkerPool;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The behaviour both implementations must show. Tolerances are relative to the float epsilon
 * ({@code 1.2e-7}): reconstructions within {@code 2e-5} relative Frobenius error and orthogonality
 * within {@code 1e-4} at the sizes used here (at most 200).
 */
abstract class DenseLinearAlgebraContract {
    static final double RECONSTRUCTION = 2e-5;
    static final double ORTHOGONALITY = 1e-4;

    static WorkerPool pool;
    static Sgemm gemm;

    @BeforeAll
    static void startPool() {
        pool = new WorkerPool(2);
        gemm = new Sgemm(pool);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    /** The implementation under test, created from {@link #pool} and {@link #gemm}. */
    abstract DenseLinearAlgebra algebra();

    @ParameterizedTest(name = "svd [{0}, {1}] full={2}")
    @CsvSource({"1, 1, false", "1, 1, true", "1, 5, false", "5, 1, true", "7, 3, false",
        "7, 3, true", "3, 7, false", "3, 7, true", "172, 172, false", "200, 41, false",
        "41, 200, true", "64, 64, true"})
    void svdReconstructsWithOrthonormalFactorsAndDescendingValues(int m, int n, boolean full) {
        float[] a = Matrices.random(new Random(m * 1000L + n), m, n);
        checkSvd(a, m, n, full);
    }

    @ParameterizedTest(name = "rank-deficient svd [{0}, {1}] rank {2}")
    @CsvSource({"40, 30, 10", "30, 40, 1", "17, 17, 16"})
    void svdOfRankDeficientMatrixHasZeroTail(int m, int n, int rank) {
        Random random = new Random(7);
        float[] a = Matrices.narrow(Matrices.multiply(Matrices.random(random, m, rank), false,
                Matrices.random(random, rank, n), false, m, rank, n));
        float[] s = checkSvd(a, m, n, true);
        for (int i = rank; i < Math.min(m, n); i++) {
            assertTrue(s[i] <= 1e-5 * s[0], "s[" + i + "] = " + s[i] + " should vanish");
        }
        assertTrue(s[rank - 1] > 1e-2 * s[0], "the rank-th value should not vanish");
    }

    @Test
    void svdOfZeroMatrixIsZeroWithOrthonormalFactors() {
        checkSvd(new float[12], 4, 3, true);
    }

    @Test
    void svdOfEmptyMatrixGivesIdentityFullFactors() {
        float[] u = new float[0];
        float[] vt = {9, 9, 9, 9, 9, 9, 9, 9, 9};
        algebra().svd(new float[0], 0, 3, true, u, new float[0], vt);
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, vt);
    }

    @Test
    void svdOfKnownMatrix() {
        // [[3, 0], [4, 5]] has singular values sqrt(45) and sqrt(5)
        float[] s = new float[2];
        algebra().svd(new float[] {3, 0, 4, 5}, 2, 2, false, new float[4], s, new float[4]);
        assertEquals(Math.sqrt(45), s[0], 1e-5);
        assertEquals(Math.sqrt(5), s[1], 1e-5);
    }

    /** Checks an SVD and returns the singular values. */
    float[] checkSvd(float[] a, int m, int n, boolean full) {
        int k = Math.min(m, n);
        int uCols = full ? m : k;
        int vtRows = full ? n : k;
        float[] u = new float[m * uCols];
        float[] s = new float[k];
        float[] vt = new float[vtRows * n];
        float[] copy = a.clone();
        algebra().svd(a, m, n, full, u, s, vt);
        assertArrayEquals(copy, a, "input must not change");
        for (int i = 0; i < k; i++) {
            assertTrue(s[i] >= 0, "non-negative");
            assertTrue(i == 0 || s[i] <= s[i - 1], "descending at " + i);
        }
        assertTrue(Matrices.columnOrthogonalityError(u, m, uCols) < ORTHOGONALITY, "u orthonormal");
        assertTrue(Matrices.rowOrthogonalityError(vt, vtRows, n) < ORTHOGONALITY, "vt orthonormal");
        float[] thinU = new float[m * k];
        for (int i = 0; i < m; i++) {
            System.arraycopy(u, i * uCols, thinU, i * k, k);
        }
        double[] back = Matrices.multiply(Matrices.scaleColumns(thinU, m, k, s), false, vt, false,
                m, k, n);
        assertReconstructs(a, back, m * n);
        return s;
    }

    @ParameterizedTest(name = "qr [{0}, {1}]")
    @CsvSource({"1, 1", "1, 4", "4, 1", "9, 5", "5, 9", "172, 172", "200, 37"})
    void qrReconstructsWithOrthonormalQAndUpperR(int m, int n) {
        float[] a = Matrices.random(new Random(31L * m + n), m, n);
        int k = Math.min(m, n);
        float[] q = new float[m * k];
        float[] r = new float[k * n];
        algebra().qr(a, m, n, q, r);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < Math.min(i, n); j++) {
                assertEquals(0f, r[i * n + j], "r below the diagonal");
            }
        }
        assertTrue(Matrices.columnOrthogonalityError(q, m, k) < ORTHOGONALITY);
        assertReconstructs(a, Matrices.multiply(q, false, r, false, m, k, n), m * n);
    }

    @ParameterizedTest(name = "cholesky {0}")
    @CsvSource({"1", "2", "13", "64", "65", "172"})
    void choleskyReconstructsFromLowerTriangleOnly(int n) {
        Random random = new Random(n);
        float[] m = Matrices.random(random, n, n);
        float[] spd = Matrices.narrow(Matrices.multiply(m, false, m, true, n, n, n));
        for (int i = 0; i < n; i++) {
            spd[i * n + i] += n;
        }
        float[] input = spd.clone();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                input[i * n + j] = Float.NaN;
            }
        }
        float[] l = new float[n * n];
        algebra().cholesky(input, n, l);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                assertEquals(0f, l[i * n + j], "l above the diagonal");
            }
        }
        assertReconstructs(spd, Matrices.multiply(l, false, l, true, n, n, n), n * n);
    }

    @Test
    void choleskyOfIndefiniteMatrixThrowsNamingTheShape() {
        float[] a = {1, 0, 0, 0, -2, 0, 0, 0, 3};
        TensorException e = assertThrows(TensorException.class,
                () -> algebra().cholesky(a, 3, new float[9]));
        assertEquals("cholesky", e.op());
        assertTrue(e.getMessage().contains("[3, 3]"), e.getMessage());
        assertTrue(e.getMessage().contains("not positive definite"), e.getMessage());
    }

    @ParameterizedTest(name = "eigh {0}")
    @CsvSource({"1", "2", "3", "16", "65", "172"})
    void eighDiagonalizesWithAscendingValues(int n) {
        checkEigh(Matrices.symmetricLowerWithGarbage(new Random(100 + n), n, 0f), n);
    }

    @Test
    void eighOfMatricesWithRepeatedEigenvalues() {
        int n = 40;
        float[] identity = identity(n);
        checkEigh(identity, n);
        float[] clustered = new float[n * n];
        for (int i = 0; i < n; i++) {
            clustered[i * n + i] = i % 3;
        }
        float[] ones = new float[n * n];
        Arrays.fill(ones, 1f);
        checkEigh(clustered, n);
        float[] w = checkEigh(ones, n);
        assertEquals(n, w[n - 1], 1e-4 * n, "the all-ones matrix has eigenvalue n");
        assertEquals(0, w[0], 1e-4 * n);
    }

    @Test
    void svdOfGradedAndStructuredMatrices() {
        int n = 50;
        Random random = new Random(5);
        float[] graded = Matrices.random(random, n, n);
        float[] scale = new float[n];
        for (int j = 0; j < n; j++) {
            scale[j] = (float) Math.pow(10, -6.0 * j / n);
        }
        checkSvd(Matrices.scaleColumns(graded, n, n, scale), n, n, false);
        float[] diagonal = new float[n * n];
        for (int i = 0; i < n; i++) {
            diagonal[i * n + i] = (i % 4) - 1.5f;
        }
        float[] s = checkSvd(diagonal, n, n, true);
        assertEquals(1.5f, s[0], 1e-6f);
        assertEquals(0.5f, s[n - 1], 1e-6f);
        checkSvd(identity(n), n, n, false);
    }

    /** Checks an eigendecomposition of the lower triangle of {@code input}; returns the values. */
    float[] checkEigh(float[] input, int n) {
        float[] a = Matrices.mirrorLower(input, n);
        float[] w = new float[n];
        float[] v = new float[n * n];
        algebra().eigh(input, n, w, v);
        for (int i = 1; i < n; i++) {
            assertTrue(w[i - 1] <= w[i], "ascending at " + i);
        }
        assertTrue(Matrices.columnOrthogonalityError(v, n, n) < ORTHOGONALITY, "v orthonormal");
        double[] av = Matrices.multiply(a, false, v, false, n, n, n);
        float[] vw = Matrices.scaleColumns(v, n, n, w);
        assertTrue(Matrices.frobeniusOfDifference(av, vw, n * n)
                <= 2 * RECONSTRUCTION * Matrices.frobenius(a, n * n), "a v = v diag(w)");
        return w;
    }

    @Test
    void eighOfKnownMatrix() {
        float[] w = new float[2];
        float[] v = new float[4];
        algebra().eigh(new float[] {2, 99, 1, 2}, 2, w, v);
        assertArrayEquals(new float[] {1, 3}, w, 1e-6f);
        assertEquals(0.5, v[0] * v[0], 1e-6);
        assertEquals(-v[0] * v[2], v[1] * v[3], 1e-6, "columns are (1,-1) and (1,1) up to sign");
    }

    @ParameterizedTest(name = "triangularSolve n={0} k={1} lower={2} transposeA={3}")
    @CsvSource({"1, 1, true, false", "5, 3, true, false", "5, 3, false, false",
        "5, 3, true, true", "5, 3, false, true", "150, 7, true, false", "150, 7, false, false",
        "150, 70, true, true", "150, 70, false, true"})
    void triangularSolveSatisfiesTheSystem(int n, int k, boolean lower, boolean transposeA) {
        Random random = new Random(n * 7L + k);
        float[] a = Matrices.random(random, n, n);
        for (int i = 0; i < n; i++) {
            a[i * n + i] = (float) (2 * Math.sqrt(n) + Math.abs(a[i * n + i]));
        }
        float[] triangle = a.clone();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (lower ? j > i : j < i) {
                    a[i * n + j] = Float.NaN;
                    triangle[i * n + j] = 0;
                }
            }
        }
        float[] b = Matrices.random(random, n, k);
        float[] x = new float[n * k];
        algebra().triangularSolve(a, n, b, k, lower, transposeA, x);
        assertReconstructs(b, Matrices.multiply(triangle, transposeA, x, false, n, n, k), n * k);
    }

    @Test
    void triangularSolveWithZeroOnTheDiagonalThrows() {
        TensorException e = assertThrows(TensorException.class, () -> algebra()
                .triangularSolve(new float[] {1, 0, 5, 0}, 2, new float[2], 1, true, false,
                        new float[2]));
        assertEquals("triangularSolve", e.op());
        assertTrue(e.getMessage().contains("[2, 2]"), e.getMessage());
    }

    @ParameterizedTest(name = "leastSquares [{0}, {1}] k={2}")
    @CsvSource({"1, 1, 1", "6, 6, 2", "50, 7, 3", "200, 60, 5"})
    void leastSquaresSatisfiesTheNormalEquations(int m, int n, int k) {
        Random random = new Random(m + 13L * n);
        float[] a = Matrices.random(random, m, n);
        float[] b = Matrices.random(random, m, k);
        float[] x = new float[n * k];
        algebra().leastSquares(a, m, n, b, k, x);
        double[] ax = Matrices.multiply(a, false, x, false, m, n, k);
        float[] residual = new float[m * k];
        for (int i = 0; i < residual.length; i++) {
            residual[i] = (float) (ax[i] - b[i]);
        }
        double[] normal = Matrices.multiply(a, true, residual, false, n, m, k);
        double scale = Matrices.frobenius(a, m * n) * Matrices.frobenius(b, m * k);
        assertTrue(Matrices.frobeniusOfDifference(normal, new float[n * k], n * k) < 1e-5 * scale,
                "a^T (a x - b) = 0");
    }

    @Test
    void leastSquaresRecoversAnExactSolution() {
        Random random = new Random(3);
        float[] a = Matrices.random(random, 30, 4);
        float[] x0 = Matrices.random(random, 4, 2);
        float[] b = Matrices.narrow(Matrices.multiply(a, false, x0, false, 30, 4, 2));
        float[] x = new float[8];
        algebra().leastSquares(a, 30, 4, b, 2, x);
        assertArrayEquals(x0, x, 1e-4f);
    }

    @Test
    void leastSquaresRejectsRankDeficientAndWideMatrices() {
        float[] duplicateColumns = {1, 1, 2, 2, 3, 3, 4, 4};
        TensorException rank = assertThrows(TensorException.class, () -> algebra()
                .leastSquares(duplicateColumns, 4, 2, new float[4], 1, new float[2]));
        assertTrue(rank.getMessage().contains("[4, 2]"), rank.getMessage());
        TensorException wide = assertThrows(TensorException.class, () -> algebra()
                .leastSquares(new float[6], 2, 3, new float[2], 1, new float[3]));
        assertEquals("leastSquares", wide.op());
    }

    @Test
    void nonFiniteInputToIterativeSolversIsRejected() {
        TensorException svd = assertThrows(TensorException.class, () -> algebra()
                .svd(new float[] {1, Float.NaN, 0, 1}, 2, 2, false, new float[4], new float[2],
                        new float[4]));
        assertEquals("svd", svd.op());
        assertTrue(svd.getMessage().contains("[2, 2]"), svd.getMessage());
        TensorException eigh = assertThrows(TensorException.class, () -> algebra()
                .eigh(new float[] {1, 0, Float.POSITIVE_INFINITY, 1}, 2, new float[2],
                        new float[4]));
        assertEquals("eigh", eigh.op());
    }

    @Test
    void shortArraysAreRejectedNamingOpAndShape() {
        TensorException e = assertThrows(TensorException.class,
                () -> algebra().qr(new float[5], 2, 3, new float[4], new float[6]));
        assertEquals("qr", e.op());
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    static void assertReconstructs(float[] expected, double[] actual, int count) {
        double error = Matrices.frobeniusOfDifference(actual, expected, count);
        double scale = Math.max(Matrices.frobenius(expected, count), 1e-30);
        assertTrue(error <= RECONSTRUCTION * scale || error < 1e-30,
                "relative reconstruction error " + error / scale);
    }

    private static float[] identity(int n) {
        float[] id = new float[n * n];
        for (int i = 0; i < n; i++) {
            id[i * n + i] = 1;
        }
        return id;
    }
}
