package dev.presso.plugins.obs.internal;

import java.util.Optional;

/**
 * Dense double-precision linear algebra on square row-major matrices {@code double[n][n]}: the
 * Cholesky factor of a symmetric positive definite matrix, the inverse through it, and the upper
 * Cholesky factor of the inverse that the OBS column sweep runs on.
 */
public final class CholeskyAlgebra {
    private CholeskyAlgebra() {}

    /**
     * Returns the lower Cholesky factor {@code L} with {@code A = L L^T}.
     *
     * @param a a symmetric matrix; only its lower triangle is read
     * @return {@code L}, or empty when {@code a} is not (numerically) positive definite
     */
    public static Optional<double[][]> lowerCholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double diagonal = a[j][j];
            for (int k = 0; k < j; k++) {
                diagonal -= l[j][k] * l[j][k];
            }
            if (!(diagonal > 0) || !Double.isFinite(diagonal)) {
                return Optional.empty();
            }
            double root = Math.sqrt(diagonal);
            l[j][j] = root;
            for (int i = j + 1; i < n; i++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = sum / root;
            }
        }
        return Optional.of(l);
    }

    /**
     * Returns {@code A^{-1} = L^{-T} L^{-1}} from the lower Cholesky factor of {@code A}.
     *
     * @param l the lower Cholesky factor
     * @return the symmetric inverse
     */
    public static double[][] inverseFromCholesky(double[][] l) {
        int n = l.length;
        double[][] lInverse = new double[n][n];
        for (int c = 0; c < n; c++) {
            // forward substitution for column c of L^{-1}; it is zero above the diagonal
            lInverse[c][c] = 1 / l[c][c];
            for (int i = c + 1; i < n; i++) {
                double sum = 0;
                for (int k = c; k < i; k++) {
                    sum -= l[i][k] * lInverse[k][c];
                }
                lInverse[i][c] = sum / l[i][i];
            }
        }
        double[][] inverse = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = 0;
                for (int k = i; k < n; k++) {
                    sum += lInverse[k][i] * lInverse[k][j];
                }
                inverse[i][j] = sum;
                inverse[j][i] = sum;
            }
        }
        return inverse;
    }

    /**
     * Returns the upper Cholesky factor {@code U} of {@code A^{-1}}, with {@code A^{-1} = U^T U}.
     *
     * @param a a symmetric positive definite matrix
     * @return {@code U}, or empty when {@code a} or its computed inverse is not positive definite
     */
    public static Optional<double[][]> upperCholeskyOfInverse(double[][] a) {
        return lowerCholesky(a).map(CholeskyAlgebra::inverseFromCholesky).flatMap(CholeskyAlgebra::lowerCholesky)
                .map(CholeskyAlgebra::transpose);
    }

    /**
     * Returns the transpose of a square matrix.
     *
     * @param a the matrix
     * @return {@code a^T}
     */
    public static double[][] transpose(double[][] a) {
        int n = a.length;
        double[][] t = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }
}
