package dev.presso.plugins.tensorcpu.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class ShiftedExpTest {
    /** About {@code ln(2^-126)}: below it the exact result is subnormal, and ShiftedExp gives 0. */
    private static final float LOWEST_NORMAL = -87.33654f;

    @Test
    void vectorAndScalarFormsAgreeBitForBitAndStayWithinOneUlp() {
        SplittableRandom random = new SplittableRandom(7);
        float[] x = new float[Simd.LANES * 4096];
        for (int i = 0; i < x.length; i++) {
            // most softmax arguments are near 0; cover the whole range down to underflow as well
            x[i] = (float) (i % 2 == 0 ? -random.nextDouble() * 20 : -random.nextDouble() * 110);
        }
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i += Simd.LANES) {
            ShiftedExp.exp(FloatVector.fromArray(Simd.F32, x, i)).intoArray(out, i);
        }
        for (int i = 0; i < x.length; i++) {
            float scalar = ShiftedExp.exp(x[i]);
            assertEquals(Float.floatToRawIntBits(scalar), Float.floatToRawIntBits(out[i]), "x = " + x[i]);
            double exact = StrictMath.exp(x[i]);
            if (x[i] >= LOWEST_NORMAL) {
                assertTrue(Math.abs(scalar - exact) <= Math.ulp((float) exact), "x = " + x[i] + ": " + scalar
                        + " vs " + exact);
            } else {
                assertEquals(0f, scalar, "x = " + x[i] + " is below the normal range");
            }
        }
    }

    @Test
    void limitsAreExact() {
        assertEquals(1f, ShiftedExp.exp(0f));
        assertEquals(1f, ShiftedExp.exp(-0f));
        assertEquals(0f, ShiftedExp.exp(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(ShiftedExp.exp(Float.NaN)));
        float[] special = new float[Simd.LANES];
        Arrays.fill(special, Float.NEGATIVE_INFINITY);
        special[0] = Float.NaN;
        special[1] = 0f;
        float[] out = new float[Simd.LANES];
        ShiftedExp.exp(FloatVector.fromArray(Simd.F32, special, 0)).intoArray(out, 0);
        assertTrue(Float.isNaN(out[0]));
        assertEquals(1f, out[1]);
        for (int i = 2; i < out.length; i++) {
            assertEquals(0f, out[i]);
        }
    }
}
