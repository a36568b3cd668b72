package dev.presso.plugins.tensorcpu.internal.elementwise;

import static dev.presso.plugins.tensorcpu.internal.kernel.Simd.F32;
import static dev.presso.plugins.tensorcpu.internal.kernel.Simd.LANES;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.UnaryOp;
import dev.presso.plugins.tensorcpu.internal.kernel.Checks;
import dev.presso.plugins.tensorcpu.internal.kernel.KernelContext;
import dev.presso.plugins.tensorcpu.internal.storage.CpuArray;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/** The one-input elementwise kernels: {@code fill}, {@code unary} and {@code clamp}. */
public final class UnaryKernel {
    private final KernelContext context;

    /** Creates the kernel. */
    public UnaryKernel(KernelContext context) {
        this.context = context;
    }

    /** Sets every element of an F32 or I32 array; I32 truncates toward zero. */
    public void fill(DeviceArray out, float value) {
        CpuArray co = context.array("fill", "out", out, DType.F32, DType.I32);
        if (co.dtype() == DType.F32) {
            Arrays.fill(co.floats(), value);
        } else {
            Arrays.fill(co.ints(), (int) value);
        }
    }

    /** Computes {@code out[i] = op(x[i])}; out may be x. */
    public void unary(UnaryOp op, DeviceArray x, DeviceArray out) {
        String name = "unary " + op;
        CpuArray cx = context.f32(name, "x", x);
        CpuArray co = context.f32(name, "out", out);
        Checks.requireSameShape(name, "out", co, "x", cx);
        float[] xs = cx.floats();
        float[] os = co.floats();
        context.parallel().forRange(co.size(), KernelContext.ELEMENTWISE_GRAIN,
                UnaryFunctions.body(op, xs, os));
    }

    /** Computes {@code out[i] = min(max(x[i], low), high)}, NaN staying NaN; out may be x. */
    public void clamp(DeviceArray x, float low, float high, DeviceArray out) {
        CpuArray cx = context.f32("clamp", "x", x);
        CpuArray co = context.f32("clamp", "out", out);
        Checks.requireSameShape("clamp", "out", co, "x", cx);
        if (!(low <= high)) {
            throw new TensorException("clamp", "bounds [" + low + ", " + high + "] are empty; "
                    + "expected low <= high, neither NaN");
        }
        float[] xs = cx.floats();
        float[] os = co.floats();
        context.parallel().forRange(co.size(), KernelContext.ELEMENTWISE_GRAIN, (from, to) -> {
            int i = from;
            for (int upper = from + F32.loopBound(to - from); i < upper; i += LANES) {
                FloatVector.fromArray(F32, xs, i).max(low).min(high).intoArray(os, i);
            }
            for (; i < to; i++) {
                os[i] = Math.min(Math.max(xs[i], low), high);
            }
        });
    }
}
