package dev.presso.plugins.tensorcpu.internal.linalg;

/** Double dot products with independent partial sums, so the additions overlap. */
final class Dot {
    private Dot() {
    }

    /**
     * Returns {@code sum x[xOffset + i] * y[yOffset + i]} for {@code i < length}.
     */
    static double of(double[] x, int xOffset, double[] y, int yOffset, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            s0 += x[xOffset + i] * y[yOffset + i];
            s1 += x[xOffset + i + 1] * y[yOffset + i + 1];
            s2 += x[xOffset + i + 2] * y[yOffset + i + 2];
            s3 += x[xOffset + i + 3] * y[yOffset + i + 3];
        }
        for (; i < length; i++) {
            s0 += x[xOffset + i] * y[yOffset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
