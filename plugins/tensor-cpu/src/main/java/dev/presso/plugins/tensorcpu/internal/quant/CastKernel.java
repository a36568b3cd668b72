package dev.presso.plugins.tensorcpu.internal.quant;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.plugins.tensorcpu.internal.kernel.Checks;
import dev.presso.plugins.tensorcpu.internal.kernel.KernelContext;
import dev.presso.plugins.tensorcpu.internal.storage.CpuArray;

/**
 * Converts between F32, F16, BF16, I32, I8 and U8. Every element passes through double, which
 * holds each source value exactly, so each conversion rounds once: floats to nearest even,
 * integers half to even with saturation and NaN to 0. Integer to integer saturates too.
 */
public final class CastKernel {
    private static final DType[] CASTABLE = {DType.F32, DType.F16, DType.BF16, DType.I32,
        DType.I8, DType.U8};

    private final KernelContext context;

    /** Creates the kernel. */
    public CastKernel(KernelContext context) {
        this.context = context;
    }

    /** Writes {@code x} converted to {@code out}'s dtype. */
    public void cast(DeviceArray x, DeviceArray out) {
        CpuArray cx = context.array("cast", "x", x, CASTABLE);
        CpuArray co = context.array("cast", "out", out, CASTABLE);
        Checks.requireSameShape("cast", "out", co, "x", cx);
        if (cx.sharesStorage(co) && cx.dtype() == co.dtype()) {
            return;
        }
        Checks.requireNoAlias("cast", co, cx);
        if (cx.dtype() == co.dtype()) {
            System.arraycopy(cx.data(), 0, co.data(), 0, cx.size());
            return;
        }
        Object src = cx.data();
        Object dst = co.data();
        DType from = cx.dtype();
        DType to = co.dtype();
        context.parallel().forRange(cx.size(), KernelContext.ELEMENTWISE_GRAIN, (lo, hi) -> {
            if (from == DType.F32 && isHalf(to)) {
                HalfFloats.narrow((float[]) src, to == DType.BF16, (short[]) dst, lo, hi);
            } else if (isHalf(from) && to == DType.F32) {
                HalfFloats.widen((short[]) src, from == DType.BF16, (float[]) dst, lo, hi);
            } else {
                for (int i = lo; i < hi; i++) {
                    write(dst, to, i, read(src, from, i));
                }
            }
        });
    }

    private static boolean isHalf(DType dtype) {
        return dtype == DType.F16 || dtype == DType.BF16;
    }

    private static double read(Object data, DType dtype, int i) {
        return switch (dtype) {
            case F32 -> ((float[]) data)[i];
            case F16 -> Float.float16ToFloat(((short[]) data)[i]);
            case BF16 -> HalfFloats.fromBf16(((short[]) data)[i]);
            case I32 -> ((int[]) data)[i];
            case I8 -> ((byte[]) data)[i];
            case U8 -> ((byte[]) data)[i] & 0xFF;
            default -> throw new IllegalStateException("not castable: " + dtype);
        };
    }

    private static void write(Object data, DType dtype, int i, double v) {
        switch (dtype) {
            case F32 -> ((float[]) data)[i] = (float) v;
            case F16 -> ((short[]) data)[i] = HalfFloats.toF16(v);
            case BF16 -> ((short[]) data)[i] = HalfFloats.toBf16(v);
            case I32 -> ((int[]) data)[i] =
                    (int) toInteger(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case I8 -> ((byte[]) data)[i] = (byte) toInteger(v, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case U8 -> ((byte[]) data)[i] = (byte) toInteger(v, 0, 255);
            default -> throw new IllegalStateException("not castable: " + dtype);
        }
    }

    /** Rounds half to even and saturates into {@code [min, max]}; NaN becomes 0. */
    static long toInteger(double v, long min, long max) {
        if (Double.isNaN(v)) {
            return 0;
        }
        double r = Math.rint(v);
        return r <= min ? min : r >= max ? max : (long) r;
    }
}
