package dev.presso.plugins.tensorcpu.internal.linalg;

/** Conversions between the float API and the double working copies. */
final class DoubleMatrices {
    private DoubleMatrices() {
    }

    /** Returns the identity {@code [n, n]} as separate rows. */
    static double[][] identityRows(int n) {
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            rows[i][i] = 1;
        }
        return rows;
    }

    /** Widens the first {@code count} values. */
    static double[] widen(float[] src, int count) {
        double[] dst = new double[count];
        for (int i = 0; i < count; i++) {
            dst[i] = src[i];
        }
        return dst;
    }

    /** Widens and transposes a row-major {@code [rows, cols]} into {@code [cols, rows]}. */
    static double[] widenTransposed(float[] src, int rows, int cols) {
        double[] dst = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                dst[j * rows + i] = src[i * cols + j];
            }
        }
        return dst;
    }

    /** Returns the full symmetric matrix whose lower triangle is that of {@code a [n, n]}. */
    static double[] symmetricFromLower(float[] a, int n) {
        double[] full = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                full[i * n + j] = a[i * n + j];
                full[j * n + i] = a[i * n + j];
            }
        }
        return full;
    }

    /** Narrows the first {@code count} values into {@code dst}. */
    static void narrow(double[] src, float[] dst, int count) {
        for (int i = 0; i < count; i++) {
            dst[i] = (float) src[i];
        }
    }

    /** Narrows and transposes a row-major {@code [rows, cols]} into {@code dst [cols, rows]}. */
    static void narrowTransposed(double[] src, int rows, int cols, float[] dst) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                dst[j * rows + i] = (float) src[i * cols + j];
            }
        }
    }
}
