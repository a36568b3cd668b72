package dev.presso.tck.internal;

import dev.presso.kernel.tensor.Shape;
import java.util.Locale;

/**
 * Compares results element by element against expected values and bounds, and describes the
 * mismatches in an assertion message: how many, and the worst one with its index.
 */
public final class Comparison {
    private static final double ABSOLUTE_FLOOR = 1e-30;

    private Comparison() {}

    /**
     * Returns {@code null} when every element is within its bound, else a description.
     *
     * @param what the case, such as {@code "gemm [17x172x33]"}
     * @param shape the shape of the compared arrays, to print indices
     * @param actual the backend's values
     * @param expected the reference values
     * @param bounds the allowed absolute difference per element
     * @return the failure description, or {@code null}
     */
    public static String mismatches(String what, Shape shape, double[] actual, double[] expected,
            double[] bounds) {
        int failures = 0;
        int worst = -1;
        double worstExcess = -1;
        for (int i = 0; i < actual.length; i++) {
            double excess = excess(actual[i], expected[i], bounds[i]);
            if (excess > 0) {
                failures++;
                if (excess > worstExcess) {
                    worstExcess = excess;
                    worst = i;
                }
            }
        }
        if (failures == 0) {
            return null;
        }
        return String.format(Locale.ROOT,
                "%s: %d of %d elements differ from the float64 reference beyond tolerance; worst at "
                        + "%s: actual %s, expected %s (|diff| %.3g, allowed %.3g)",
                what, failures, actual.length, index(shape, worst), actual[worst], expected[worst],
                Math.abs(actual[worst] - expected[worst]), bounds[worst]);
    }

    /** Returns how far a value exceeds its bound: positive means failing (infinite for NaN mismatch). */
    private static double excess(double actual, double expected, double bound) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) == Double.isNaN(actual) ? 0 : Double.POSITIVE_INFINITY;
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return actual == expected ? 0 : Double.POSITIVE_INFINITY;
        }
        double diff = Math.abs(actual - expected);
        return diff > bound ? diff - bound : 0;
    }

    /**
     * Returns per-element bounds {@code relative * |e| + normwise * max|e| + 1e-30}, where
     * {@code max|e|} is the largest finite magnitude (the tiny floor forgives flushed subnormals).
     *
     * @param expected the reference values
     * @param relative the relative tolerance
     * @param normwise the tolerance relative to the largest finite magnitude
     * @return the bounds
     */
    public static double[] bounds(double[] expected, double relative, double normwise) {
        double max = 0;
        for (double e : expected) {
            if (Double.isFinite(e)) {
                max = Math.max(max, Math.abs(e));
            }
        }
        double[] bounds = new double[expected.length];
        for (int i = 0; i < expected.length; i++) {
            bounds[i] = relative * Math.abs(expected[i]) + normwise * max + ABSOLUTE_FLOOR;
        }
        return bounds;
    }

    /** Formats a row-major element number as a multi-index like {@code [3, 7]}. */
    static String index(Shape shape, int flat) {
        long[] dims = shape.toArray();
        long[] index = new long[dims.length];
        long rest = flat;
        for (int d = dims.length - 1; d >= 0; d--) {
            index[d] = dims[d] == 0 ? 0 : rest % dims[d];
            rest = dims[d] == 0 ? rest : rest / dims[d];
        }
        return java.util.Arrays.toString(index);
    }
}
