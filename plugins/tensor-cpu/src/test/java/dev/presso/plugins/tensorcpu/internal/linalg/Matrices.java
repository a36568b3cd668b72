package dev.presso.plugins.tensorcpu.internal.linalg;

import java.util.Random;

/** Test helpers on row-major float matrices; arithmetic is done in double. */
final class Matrices {
    private Matrices() {
    }

    static float[] random(Random random, int rows, int cols) {
        float[] m = new float[rows * cols];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) random.nextGaussian();
        }
        return m;
    }

    /** {@code a [m, k] * b [k, n]}, with optional transposes of the stored operands. */
    static double[] multiply(float[] a, boolean transA, float[] b, boolean transB, int m, int k,
            int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double av = transA ? a[p * m + i] : a[i * k + p];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += av * (transB ? b[j * k + p] : b[p * n + j]);
                }
            }
        }
        return c;
    }

    static float[] narrow(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /** {@code m [rows, cols]} with column {@code j} scaled by {@code scale[j]}. */
    static float[] scaleColumns(float[] m, int rows, int cols, float[] scale) {
        float[] out = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = m[i * cols + j] * scale[j];
            }
        }
        return out;
    }

    static double frobenius(float[] m, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += (double) m[i] * m[i];
        }
        return Math.sqrt(sum);
    }

    static double frobeniusOfDifference(double[] x, float[] y, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double d = x[i] - y[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    /** Largest {@code |(q^T q - I)_{ij}|} for {@code q [rows, cols]} (orthonormal columns). */
    static double columnOrthogonalityError(float[] q, int rows, int cols) {
        double[] g = multiply(q, true, q, false, cols, rows, cols);
        double worst = 0;
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < cols; j++) {
                worst = Math.max(worst, Math.abs(g[i * cols + j] - (i == j ? 1 : 0)));
            }
        }
        return worst;
    }

    /** Largest {@code |(q q^T - I)_{ij}|} for {@code q [rows, cols]} (orthonormal rows). */
    static double rowOrthogonalityError(float[] q, int rows, int cols) {
        double[] g = multiply(q, false, q, true, rows, cols, rows);
        double worst = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < rows; j++) {
                worst = Math.max(worst, Math.abs(g[i * rows + j] - (i == j ? 1 : 0)));
            }
        }
        return worst;
    }

    /** A symmetric matrix with the given lower triangle and garbage above it. */
    static float[] symmetricLowerWithGarbage(Random random, int n, float diagonalShift) {
        float[] a = random(random, n, n);
        for (int i = 0; i < n; i++) {
            a[i * n + i] += diagonalShift;
        }
        return a;
    }

    /** Mirrors the lower triangle into a full symmetric matrix. */
    static float[] mirrorLower(float[] a, int n) {
        float[] full = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                full[i * n + j] = a[i * n + j];
                full[j * n + i] = a[i * n + j];
            }
        }
        return full;
    }
}
