package dev.presso.plugins.tensorcpu.internal.neural;

import static dev.presso.plugins.tensorcpu.internal.kernel.Simd.F32;
import static dev.presso.plugins.tensorcpu.internal.kernel.Simd.LANES;

import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcpu.internal.kernel.Checks;
import dev.presso.plugins.tensorcpu.internal.kernel.KernelContext;
import dev.presso.plugins.tensorcpu.internal.storage.CpuArray;
import jdk.incubator.vector.FloatVector;

/** Rotary position embedding in the rotate-half layout, forward or inverse. */
public final class RopeKernel {
    private static final String OP = "rope";

    private final KernelContext context;

    /** Creates the kernel. */
    public RopeKernel(KernelContext context) {
        this.context = context;
    }

    /** Rotates each head vector of {@code x [..., T, H, D]} by the angles of its position. */
    public void rope(DeviceArray x, DeviceArray cos, DeviceArray sin, boolean inverse,
            DeviceArray out) {
        CpuArray cx = context.f32(OP, "x", x);
        CpuArray cc = context.f32(OP, "cos", cos);
        CpuArray cs = context.f32(OP, "sin", sin);
        CpuArray co = context.f32(OP, "out", out);
        Checks.requireMinRank(OP, "x", cx, 3);
        int d = Checks.dim(cx, -1);
        int heads = Checks.dim(cx, -2);
        int positions = Checks.dim(cx, -3);
        if (d % 2 != 0) {
            throw new TensorException(OP, "x " + cx.shape() + " has an odd head dimension " + d
                    + "; expected an even one");
        }
        int half = d / 2;
        Shape table = Shape.of(positions, half);
        Checks.requireShape(OP, "cos", cc, table, "[T, D/2] for x [..., T, H, D] " + cx.shape());
        Checks.requireShape(OP, "sin", cs, table, "[T, D/2] for x [..., T, H, D] " + cx.shape());
        Checks.requireSameShape(OP, "out", co, "x", cx);
        Checks.requireNoAlias(OP, co, cx, cc, cs);
        if (co.size() == 0) {
            return;
        }
        float[] xs = cx.floats();
        float[] cosines = cc.floats();
        float[] sines = cs.floats();
        float[] os = co.floats();
        float direction = inverse ? -1f : 1f;
        context.parallel().forRows(co.size() / d, d, KernelContext.ROW_GRAIN, (from, to) -> {
            for (int row = from; row < to; row++) {
                int t = (row / heads) % positions;
                rotate(xs, os, row * d, cosines, sines, t * half, half, direction);
            }
        });
    }

    private static void rotate(float[] x, float[] out, int offset, float[] cos, float[] sin,
            int table, int half, float direction) {
        int j = 0;
        for (int upper = F32.loopBound(half); j < upper; j += LANES) {
            FloatVector x1 = FloatVector.fromArray(F32, x, offset + j);
            FloatVector x2 = FloatVector.fromArray(F32, x, offset + half + j);
            FloatVector c = FloatVector.fromArray(F32, cos, table + j);
            FloatVector s = FloatVector.fromArray(F32, sin, table + j).mul(direction);
            x1.mul(c).sub(x2.mul(s)).intoArray(out, offset + j);
            x2.mul(c).add(x1.mul(s)).intoArray(out, offset + half + j);
        }
        for (; j < half; j++) {
            float x1 = x[offset + j];
            float x2 = x[offset + half + j];
            float c = cos[table + j];
            float s = sin[table + j] * direction;
            out[offset + j] = x1 * c - x2 * s;
            out[offset + half + j] = x2 * c + x1 * s;
        }
    }
}
