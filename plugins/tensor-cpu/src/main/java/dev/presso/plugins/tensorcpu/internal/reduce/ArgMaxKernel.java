package dev.presso.plugins.tensorcpu.internal.reduce;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcpu.internal.kernel.Checks;
import dev.presso.plugins.tensorcpu.internal.kernel.KernelContext;
import dev.presso.plugins.tensorcpu.internal.kernel.Simd;
import dev.presso.plugins.tensorcpu.internal.storage.CpuArray;
import java.util.Arrays;

/** Index of the largest element along the last axis: the first on ties, the first NaN if any. */
public final class ArgMaxKernel {
    private final KernelContext context;

    /** Creates the kernel. */
    public ArgMaxKernel(KernelContext context) {
        this.context = context;
    }

    /** Writes each row's arg-max into {@code out}. */
    public void argMax(DeviceArray x, DeviceArray out) {
        CpuArray cx = context.f32("argMax", "x", x);
        CpuArray co = context.array("argMax", "out", out, DType.I32);
        Checks.requireMinRank("argMax", "x", cx, 1);
        Shape rows = Shape.of(Arrays.copyOf(cx.shape().toArray(), cx.shape().rank() - 1));
        Checks.requireShape("argMax", "out", co, rows,
                "x " + cx.shape() + " without its last axis");
        int n = Checks.dim(cx, -1);
        if (n == 0) {
            throw new TensorException("argMax", "x " + cx.shape()
                    + " has an empty last axis; expected at least one element per row");
        }
        float[] xs = cx.floats();
        int[] os = co.ints();
        context.parallel().forRows(co.size(), n, KernelContext.ROW_GRAIN, (from, to) -> {
            for (int row = from; row < to; row++) {
                os[row] = argMax(xs, row * n, n);
            }
        });
    }

    private static int argMax(float[] x, int offset, int n) {
        float max = Simd.max(x, offset, offset + n);
        boolean nan = Float.isNaN(max);
        for (int i = 0; i < n; i++) {
            float v = x[offset + i];
            if (nan ? Float.isNaN(v) : v == max) {
                return i;
            }
        }
        return 0;
    }
}
