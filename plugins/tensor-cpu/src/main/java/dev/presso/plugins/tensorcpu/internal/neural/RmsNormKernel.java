package dev.presso.plugins.tensorcpu.internal.neural;

import static dev.presso.plugins.tensorcpu.internal.kernel.Simd.F32;
import static dev.presso.plugins.tensorcpu.internal.kernel.Simd.LANES;

import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.plugins.tensorcpu.internal.kernel.Checks;
import dev.presso.plugins.tensorcpu.internal.kernel.KernelContext;
import dev.presso.plugins.tensorcpu.internal.kernel.Simd;
import dev.presso.plugins.tensorcpu.internal.storage.CpuArray;
import jdk.incubator.vector.FloatVector;

/** RMS normalization along the last axis with a per-feature gain. */
public final class RmsNormKernel {
    private static final String OP = "rmsNorm";

    private final KernelContext context;

    /** Creates the kernel. */
    public RmsNormKernel(KernelContext context) {
        this.context = context;
    }

    /** Writes {@code x / sqrt(mean(x^2) + eps) * weight} per row. */
    public void rmsNorm(DeviceArray x, DeviceArray weight, float eps, DeviceArray out) {
        CpuArray cx = context.f32(OP, "x", x);
        CpuArray cw = context.f32(OP, "weight", weight);
        CpuArray co = context.f32(OP, "out", out);
        Checks.requireMinRank(OP, "x", cx, 1);
        int d = Checks.dim(cx, -1);
        Checks.requireShape(OP, "weight", cw, Shape.of(d), "x's last dimension of x " + cx.shape());
        Checks.requireSameShape(OP, "out", co, "x", cx);
        Checks.requireNoAlias(OP, co, cx, cw);
        if (co.size() == 0) {
            return;
        }
        float[] xs = cx.floats();
        float[] ws = cw.floats();
        float[] os = co.floats();
        context.parallel().forRows(co.size() / d, d, KernelContext.ROW_GRAIN, (from, to) -> {
            for (int row = from; row < to; row++) {
                int offset = row * d;
                double meanSquare = Simd.sumOfSquares(xs, offset, offset + d) / d;
                float inv = (float) (1.0 / Math.sqrt(meanSquare + eps));
                normalize(xs, ws, os, offset, d, inv);
            }
        });
    }

    private static void normalize(float[] x, float[] w, float[] out, int offset, int d, float inv) {
        int j = 0;
        for (int upper = F32.loopBound(d); j < upper; j += LANES) {
            FloatVector.fromArray(F32, x, offset + j).mul(inv)
                    .mul(FloatVector.fromArray(F32, w, j)).intoArray(out, offset + j);
        }
        for (; j < d; j++) {
            out[offset + j] = x[offset + j] * inv * w[j];
        }
    }
}
