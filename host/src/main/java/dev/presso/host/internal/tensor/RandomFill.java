package dev.presso.host.internal.tensor;

import java.util.SplittableRandom;

/**
 * Reproducible random numbers, drawn on the host so that every backend sees the same values for a
 * seed. The stream is {@link SplittableRandom}'s (SplitMix64, fixed by its specification); normal
 * samples use the Box–Muller transform in double precision.
 */
final class RandomFill {
    private static final double TWO_PI = 2 * Math.PI;
    private static final double UNIT_24 = 0x1.0p-24;
    private static final double UNIT_53 = 0x1.0p-53;

    private RandomFill() {}

    /** Returns {@code count} floats uniform in {@code [0, 1)}. */
    static float[] uniform(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) ((random.nextLong() >>> 40) * UNIT_24);
        }
        return out;
    }

    /** Returns {@code count} samples of the standard normal distribution. */
    static float[] normal(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[count];
        for (int i = 0; i < count; i += 2) {
            double u1 = ((random.nextLong() >>> 11) + 1) * UNIT_53; // (0, 1]: log is finite
            double u2 = (random.nextLong() >>> 11) * UNIT_53;
            double radius = Math.sqrt(-2 * StrictMath.log(u1));
            out[i] = (float) (radius * StrictMath.cos(TWO_PI * u2));
            if (i + 1 < count) {
                out[i + 1] = (float) (radius * StrictMath.sin(TWO_PI * u2));
            }
        }
        return out;
    }
}
