package dev.presso.plugins.tensorcpu.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class VectorExpTest {
    @Test
    void vectorAndScalarFormsAgreeBitForBitAndStayWithinTwoUlp() {
        SplittableRandom random = new SplittableRandom(5);
        float[] x = new float[Simd.LANES * 4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextDouble() * 180 - 88);
        }
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i += Simd.LANES) {
            VectorExp.exp(FloatVector.fromArray(Simd.F32, x, i)).intoArray(out, i);
        }
        for (int i = 0; i < x.length; i++) {
            float scalar = VectorExp.exp(x[i]);
            assertEquals(Float.floatToRawIntBits(scalar), Float.floatToRawIntBits(out[i]), "x = " + x[i]);
            double exact = StrictMath.exp(x[i]);
            if (exact > 2.7e-38 && exact < Float.MAX_VALUE) {
                assertTrue(Math.abs(scalar - exact) <= 2 * Math.ulp((float) exact), "x = " + x[i] + ": " + scalar
                        + " vs " + exact);
            }
        }
    }

    @Test
    void limitsAreExact() {
        assertEquals(0f, VectorExp.exp(Float.NEGATIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, VectorExp.exp(Float.POSITIVE_INFINITY));
        assertTrue(Float.isNaN(VectorExp.exp(Float.NaN)));
        assertEquals(1f, VectorExp.exp(0f));
        assertTrue(Float.isFinite(VectorExp.exp(88.7f)));
        float[] special = new float[Simd.LANES];
        java.util.Arrays.fill(special, Float.NEGATIVE_INFINITY);
        special[0] = Float.NaN;
        float[] out = new float[Simd.LANES];
        VectorExp.exp(FloatVector.fromArray(Simd.F32, special, 0)).intoArray(out, 0);
        assertTrue(Float.isNaN(out[0]));
        for (int i = 1; i < out.length; i++) {
            assertEquals(0f, out[i]);
        }
    }
}
