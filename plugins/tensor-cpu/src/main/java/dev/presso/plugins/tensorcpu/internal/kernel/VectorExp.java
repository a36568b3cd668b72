package dev.presso.plugins.tensorcpu.internal.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code exp} on float vectors from additions, multiplications and fused multiply-adds only, so
 * every result is the same bit for bit whether the JIT has compiled the loop or not.
 *
 * <p>{@code lanewise(VectorOperators.EXP)} is not: compiled code calls a vector math library and
 * interpreted code evaluates each lane with {@code Math.exp}, and the two differ in the last bit,
 * so the same forward pass gave different logits before and after warm-up (and two runs of a
 * pipeline different reports). Method: {@code x = n ln2 + r} with {@code n} rounded to nearest
 * by the 1.5·2^23 trick and {@code |r| <= ln2/2} by a two-part Cody–Waite reduction, {@code e^r}
 * by its degree-7 Taylor polynomial (truncation below 6e-9 relative), and the scale {@code 2^n}
 * built in the exponent bits as {@code 2^(n-1) * 2} (so {@code n = 128} does not overflow the
 * exponent field). Accurate to about 2 ulp; {@code exp(-inf) = 0}, {@code exp(+inf) = +inf}, NaN
 * stays NaN, and results below {@code e^-86.6} (about 2.7e-38, near the smallest normal float)
 * flush to 0.
 */
public final class VectorExp {
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    private static final float ROUNDER = 12582912f;
    private static final float LOWEST = -86.6f;
    private static final float HIGHEST = 88.72283f;
    private static final float[] TAYLOR = {1f / 5040, 1f / 720, 1f / 120, 1f / 24, 1f / 6, 0.5f, 1f, 1f};

    private VectorExp() {}

    /**
     * Computes {@code e^x} lane by lane.
     *
     * @param x the exponents
     * @return {@code e^x}
     */
    public static FloatVector exp(FloatVector x) {
        FloatVector clamped = x.max(LOWEST).min(HIGHEST);
        FloatVector shifted = clamped.mul(LOG2E).add(ROUNDER);
        FloatVector n = shifted.sub(ROUNDER);
        FloatVector r = n.neg().fma(FloatVector.broadcast(x.species(), LN2_HIGH), clamped);
        r = n.neg().fma(FloatVector.broadcast(x.species(), LN2_LOW), r);
        FloatVector p = FloatVector.broadcast(x.species(), TAYLOR[0]);
        for (int i = 1; i < TAYLOR.length; i++) {
            p = p.fma(r, FloatVector.broadcast(x.species(), TAYLOR[i]));
        }
        IntVector exponent = ((IntVector) shifted.reinterpretAsInts())
                .sub(Float.floatToRawIntBits(ROUNDER)).add(126).lanewise(VectorOperators.LSHL, 23);
        FloatVector result = p.mul((FloatVector) exponent.reinterpretAsFloats()).mul(2f);
        VectorMask<Float> under = x.compare(VectorOperators.LT, LOWEST);
        VectorMask<Float> over = x.compare(VectorOperators.GT, HIGHEST);
        return result.blend(0f, under).blend(Float.POSITIVE_INFINITY, over).blend(x, x.test(VectorOperators.IS_NAN));
    }

    /**
     * Computes {@code e^x} for one value with the same arithmetic as the vector form, for loop
     * tails, so a value gets the same result whichever lane or tail it falls in.
     *
     * @param x the exponent
     * @return {@code e^x}
     */
    public static float exp(float x) {
        if (Float.isNaN(x)) {
            return x;
        }
        if (x < LOWEST) {
            return 0f;
        }
        if (x > HIGHEST) {
            return Float.POSITIVE_INFINITY;
        }
        float shifted = x * LOG2E + ROUNDER;
        float n = shifted - ROUNDER;
        float r = Math.fma(-n, LN2_HIGH, x);
        r = Math.fma(-n, LN2_LOW, r);
        float p = TAYLOR[0];
        for (int i = 1; i < TAYLOR.length; i++) {
            p = Math.fma(p, r, TAYLOR[i]);
        }
        int exponent = (Float.floatToRawIntBits(shifted) - Float.floatToRawIntBits(ROUNDER) + 126) << 23;
        return p * Float.intBitsToFloat(exponent) * 2f;
    }
}
