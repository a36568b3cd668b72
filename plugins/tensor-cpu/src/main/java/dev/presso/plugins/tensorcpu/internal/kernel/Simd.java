package dev.presso.plugins.tensorcpu.internal.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The float vector shape every kernel uses, and small vector loops shared by several kernels. */
public final class Simd {
    /** The widest float vector the CPU runs natively. */
    public static final VectorSpecies<Float> F32 = FloatVector.SPECIES_PREFERRED;

    /** Lanes per float vector. */
    public static final int LANES = F32.length();

    /** Elements summed in float lanes before the partial sum moves to double. */
    public static final int BLOCK = 1024;

    private Simd() {}

    /** Returns the largest {@code x[from, to)} element, NaN if any is NaN. */
    public static float max(float[] x, int from, int to) {
        int i = from;
        FloatVector acc = FloatVector.broadcast(F32, Float.NEGATIVE_INFINITY);
        for (int upper = from + F32.loopBound(to - from); i < upper; i += LANES) {
            acc = acc.max(FloatVector.fromArray(F32, x, i));
        }
        float m = acc.reduceLanes(VectorOperators.MAX);
        for (; i < to; i++) {
            m = Math.max(m, x[i]);
        }
        return m;
    }

    /** Returns the smallest {@code x[from, to)} element, NaN if any is NaN. */
    public static float min(float[] x, int from, int to) {
        int i = from;
        FloatVector acc = FloatVector.broadcast(F32, Float.POSITIVE_INFINITY);
        for (int upper = from + F32.loopBound(to - from); i < upper; i += LANES) {
            acc = acc.min(FloatVector.fromArray(F32, x, i));
        }
        float m = acc.reduceLanes(VectorOperators.MIN);
        for (; i < to; i++) {
            m = Math.min(m, x[i]);
        }
        return m;
    }

    /**
     * Returns the sum of {@code x[from, to)}: float lanes over blocks of {@value #BLOCK}
     * elements, blocks added in double.
     */
    public static double sum(float[] x, int from, int to) {
        double s = 0;
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            int i = start;
            FloatVector acc = FloatVector.zero(F32);
            for (int upper = start + F32.loopBound(end - start); i < upper; i += LANES) {
                acc = acc.add(FloatVector.fromArray(F32, x, i));
            }
            s += sumLanes(acc);
            for (; i < end; i++) {
                s += x[i];
            }
        }
        return s;
    }

    /** Returns the sum of squares of {@code x[from, to)}, blocked like {@link #sum}. */
    public static double sumOfSquares(float[] x, int from, int to) {
        double s = 0;
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            int i = start;
            FloatVector acc = FloatVector.zero(F32);
            for (int upper = start + F32.loopBound(end - start); i < upper; i += LANES) {
                FloatVector v = FloatVector.fromArray(F32, x, i);
                acc = v.fma(v, acc);
            }
            s += sumLanes(acc);
            for (; i < end; i++) {
                s += (double) x[i] * x[i];
            }
        }
        return s;
    }

    /** Multiplies {@code x[from, to)} by {@code factor} in place. */
    public static void scale(float[] x, int from, int to, float factor) {
        int i = from;
        for (int upper = from + F32.loopBound(to - from); i < upper; i += LANES) {
            FloatVector.fromArray(F32, x, i).mul(factor).intoArray(x, i);
        }
        for (; i < to; i++) {
            x[i] *= factor;
        }
    }

    /**
     * Adds the lanes in lane order, in double. {@code reduceLanes(ADD)} may add in any order, and
     * its order differs between the interpreter and C2, so its result would depend on JIT state.
     * Any species.
     */
    public static double sumLanes(FloatVector v) {
        double s = 0;
        for (float lane : v.toArray()) {
            s += lane;
        }
        return s;
    }
}
