package dev.presso.plugins.tensorcpu.internal.quant;

/** Conversions between float and the 16-bit float formats, rounding to nearest even. */
public final class HalfFloats {
    private HalfFloats() {}

    /** Returns the bfloat16 bits nearest to {@code f} (ties to even); NaN stays a quiet NaN. */
    public static short toBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** Returns the float that bfloat16 bits stand for, exactly. */
    public static float fromBf16(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** Returns the bfloat16 bits nearest to {@code v}, rounding once even though v is double. */
    public static short toBf16(double v) {
        return toBf16(roundToOdd(v));
    }

    /** Returns the IEEE binary16 bits nearest to {@code v}. */
    public static short toF16(double v) {
        return Float.floatToFloat16(roundToOdd(v));
    }

    /** Widens F16 or BF16 bits {@code [from, to)} to floats, exactly. */
    public static void widen(short[] bits, boolean brain, float[] out, int from, int to) {
        if (brain) {
            for (int i = from; i < to; i++) {
                out[i] = fromBf16(bits[i]);
            }
        } else {
            for (int i = from; i < to; i++) {
                out[i] = Float.float16ToFloat(bits[i]);
            }
        }
    }

    /** Narrows floats {@code [from, to)} to F16 or BF16 bits, rounding to nearest even. */
    public static void narrow(float[] values, boolean brain, short[] out, int from, int to) {
        if (brain) {
            for (int i = from; i < to; i++) {
                out[i] = toBf16(values[i]);
            }
        } else {
            for (int i = from; i < to; i++) {
                out[i] = Float.floatToFloat16(values[i]);
            }
        }
    }

    /**
     * Narrows a double to float rounding toward zero and setting the last bit when inexact, so a
     * second rounding to fewer bits is correct (round-to-odd).
     */
    private static float roundToOdd(double v) {
        float f = (float) v;
        if (Float.isNaN(f) || Float.isInfinite(f) || (double) f == v) {
            return f;
        }
        if (Math.abs((double) f) > Math.abs(v)) {
            f = Math.nextAfter(f, 0.0);
        }
        return Float.intBitsToFloat(Float.floatToRawIntBits(f) | 1);
    }
}
