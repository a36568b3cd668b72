package dev.presso.tck.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Locale;

/** Row-major double matrices on the heap, for checking decompositions by their properties. */
public final class Matrices {
    private Matrices() {}

    /**
     * Multiplies {@code a [r, k]} by {@code b [k, c]}.
     *
     * @param a the left factor
     * @param b the right factor
     * @param r rows of a
     * @param k columns of a, rows of b
     * @param c columns of b
     * @return the product {@code [r, c]}
     */
    public static double[] multiply(double[] a, double[] b, int r, int k, int c) {
        double[] out = new double[r * c];
        for (int i = 0; i < r; i++) {
            for (int p = 0; p < k; p++) {
                double x = a[i * k + p];
                for (int j = 0; j < c; j++) {
                    out[i * c + j] += x * b[p * c + j];
                }
            }
        }
        return out;
    }

    /**
     * Transposes {@code x [r, c]}.
     *
     * @param x the matrix
     * @param r rows
     * @param c columns
     * @return the transpose {@code [c, r]}
     */
    public static double[] transpose(double[] x, int r, int c) {
        double[] t = new double[r * c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                t[j * r + i] = x[i * c + j];
            }
        }
        return t;
    }

    /**
     * Scales column {@code j} of {@code x [r, c]} by {@code s[j]}.
     *
     * @param x the matrix
     * @param r rows
     * @param c columns
     * @param s one factor per column (at least {@code c})
     * @return the scaled copy
     */
    public static double[] scaleColumns(double[] x, int r, int c, double[] s) {
        double[] out = x.clone();
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[i * c + j] *= s[j];
            }
        }
        return out;
    }

    /**
     * Returns the first {@code count} columns of {@code x [r, c]}.
     *
     * @param x the matrix
     * @param r rows
     * @param c columns
     * @param count how many columns to keep
     * @return {@code [r, count]}
     */
    public static double[] leftColumns(double[] x, int r, int c, int count) {
        double[] out = new double[r * count];
        for (int i = 0; i < r; i++) {
            System.arraycopy(x, i * c, out, i * count, count);
        }
        return out;
    }

    /**
     * Returns the largest magnitude.
     *
     * @param x the values
     * @return {@code max |x|}
     */
    public static double maxAbs(double[] x) {
        double max = 0;
        for (double v : x) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /**
     * Fails unless {@code |actual - expected| <= bound} everywhere.
     *
     * @param what the property, for the message
     * @param actual the computed values
     * @param expected the required values
     * @param bound the allowed absolute difference
     */
    public static void assertNear(String what, double[] actual, double[] expected, double bound) {
        int worst = -1;
        double worstDiff = 0;
        for (int i = 0; i < actual.length; i++) {
            double diff = Math.abs(actual[i] - expected[i]);
            if (!(diff <= bound) && (worst < 0 || !(diff <= worstDiff))) {
                worst = i;
                worstDiff = diff;
            }
        }
        if (worst >= 0) {
            fail(String.format(Locale.ROOT, "%s: element %d is %s, expected %s (|diff| %.3g, allowed %.3g)",
                    what, worst, actual[worst], expected[worst], worstDiff, bound));
        }
    }

    /**
     * Fails unless the columns of {@code q [r, c]} are orthonormal within {@code bound}.
     *
     * @param what the factor, for the message
     * @param q the matrix
     * @param r rows
     * @param c columns
     * @param bound the allowed deviation of {@code q^T q} from the identity
     */
    public static void assertOrthonormalColumns(String what, double[] q, int r, int c,
            double bound) {
        double[] gram = multiply(transpose(q, r, c), q, c, r, c);
        double[] identity = new double[c * c];
        for (int i = 0; i < c; i++) {
            identity[i * c + i] = 1;
        }
        assertNear(what + ": Q^T Q = I", gram, identity, bound);
    }
}
