package dev.presso.plugins.tensorcpu.internal.neural;

import static dev.presso.plugins.tensorcpu.internal.kernel.Simd.F32;
import static dev.presso.plugins.tensorcpu.internal.kernel.Simd.LANES;

import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.plugins.tensorcpu.internal.kernel.Checks;
import dev.presso.plugins.tensorcpu.internal.kernel.KernelContext;
import dev.presso.plugins.tensorcpu.internal.kernel.ShiftedExp;
import dev.presso.plugins.tensorcpu.internal.kernel.Simd;
import dev.presso.plugins.tensorcpu.internal.storage.CpuArray;
import jdk.incubator.vector.FloatVector;

/** Softmax and log-softmax along the last axis, shifted by the row maximum. */
public final class SoftmaxKernel {
    private final KernelContext context;

    /** Creates the kernel. */
    public SoftmaxKernel(KernelContext context) {
        this.context = context;
    }

    /** Writes {@code exp(x - max) / sum(exp(x - max))} per row. */
    public void softmax(DeviceArray x, DeviceArray out) {
        run("softmax", x, out, false);
    }

    /** Writes {@code x - max - log(sum(exp(x - max)))} per row. */
    public void logSoftmax(DeviceArray x, DeviceArray out) {
        run("logSoftmax", x, out, true);
    }

    private void run(String op, DeviceArray x, DeviceArray out, boolean log) {
        CpuArray cx = context.f32(op, "x", x);
        CpuArray co = context.f32(op, "out", out);
        Checks.requireMinRank(op, "x", cx, 1);
        Checks.requireSameShape(op, "out", co, "x", cx);
        Checks.requireNoAlias(op, co, cx);
        int n = Checks.dim(cx, -1);
        if (co.size() == 0) {
            return;
        }
        float[] xs = cx.floats();
        float[] os = co.floats();
        context.parallel().forRows(co.size() / n, n, KernelContext.ROW_GRAIN, (from, to) -> {
            for (int row = from; row < to; row++) {
                int offset = row * n;
                float max = Simd.max(xs, offset, offset + n);
                double sum = expShifted(xs, os, offset, offset + n, max);
                if (log) {
                    float shift = (float) (max + StrictMath.log(sum));
                    subtract(xs, os, offset, offset + n, shift);
                } else {
                    Simd.scale(os, offset, offset + n, (float) (1.0 / sum));
                }
            }
        });
    }

    /** Writes {@code out = exp(x - max)} over the range and returns its sum. */
    private static double expShifted(float[] x, float[] out, int from, int to, float max) {
        double sum = 0;
        for (int start = from; start < to; start += Simd.BLOCK) {
            int end = Math.min(to, start + Simd.BLOCK);
            int i = start;
            FloatVector acc = FloatVector.zero(F32);
            for (int upper = start + F32.loopBound(end - start); i < upper; i += LANES) {
                FloatVector e = ShiftedExp.exp(FloatVector.fromArray(F32, x, i).sub(max));
                e.intoArray(out, i);
                acc = acc.add(e);
            }
            sum += Simd.sumLanes(acc);
            for (; i < end; i++) {
                float e = ShiftedExp.exp(x[i] - max);
                out[i] = e;
                sum += e;
            }
        }
        return sum;
    }

    private static void subtract(float[] x, float[] out, int from, int to, float shift) {
        int i = from;
        for (int upper = from + F32.loopBound(to - from); i < upper; i += LANES) {
            FloatVector.fromArray(F32, x, i).sub(shift).intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = x[i] - shift;
        }
    }
}
