package dev.presso.plugins.obs.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CholeskyAlgebraTest {
    @Test
    void factorsAKnownMatrix() {
        double[][] l = CholeskyAlgebra.lowerCholesky(new double[][] {{4, 2}, {2, 5}}).orElseThrow();
        assertArrayEquals(new double[] {2, 0}, l[0], 1e-12);
        assertArrayEquals(new double[] {1, 2}, l[1], 1e-12);
    }

    @Test
    void invertsADiagonalMatrix() {
        double[][] inverse = CholeskyAlgebra.inverseFromCholesky(
                CholeskyAlgebra.lowerCholesky(new double[][] {{4, 0}, {0, 0.25}}).orElseThrow());
        assertArrayEquals(new double[] {0.25, 0}, inverse[0], 1e-12);
        assertArrayEquals(new double[] {0, 4}, inverse[1], 1e-12);
    }

    @Test
    void upperFactorOfTheInverseReproducesTheInverse() {
        int n = 7;
        Random random = new Random(3);
        double[][] x = new double[20][n];
        for (double[] row : x) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextGaussian();
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (double[] row : x) {
                    a[i][j] += row[i] * row[j];
                }
            }
        }
        double[][] u = CholeskyAlgebra.upperCholeskyOfInverse(a).orElseThrow();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(0, u[i][j], "U is upper triangular");
            }
        }
        // A (U^T U) = I
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double product = 0;
                for (int k = 0; k < n; k++) {
                    double inverse = 0;
                    for (int m = 0; m < n; m++) {
                        inverse += u[m][k] * u[m][j];
                    }
                    product += a[i][k] * inverse;
                }
                assertEquals(i == j ? 1 : 0, product, 1e-9);
            }
        }
    }

    @Test
    void refusesAMatrixThatIsNotPositiveDefinite() {
        assertTrue(CholeskyAlgebra.lowerCholesky(new double[][] {{1, 2}, {2, 1}}).isEmpty());
        assertTrue(CholeskyAlgebra.upperCholeskyOfInverse(new double[][] {{0, 0}, {0, 1}}).isEmpty());
    }
}
