package dev.presso.plugins.tensorcpu.internal.reduce;

import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcpu.internal.kernel.Checks;
import dev.presso.plugins.tensorcpu.internal.kernel.KernelContext;
import dev.presso.plugins.tensorcpu.internal.kernel.Simd;
import dev.presso.plugins.tensorcpu.internal.storage.CpuArray;
import java.util.Arrays;

/**
 * Reduces over the axes where the output has size 1, accumulating in double. Rows reduce in
 * parallel when no other axis is reduced; column-style reductions split the kept columns.
 */
public final class ReduceKernel {
    private final KernelContext context;

    /** Creates the kernel. */
    public ReduceKernel(KernelContext context) {
        this.context = context;
    }

    /** Reduces {@code x} into {@code out}. */
    public void reduce(ReduceOp op, DeviceArray x, DeviceArray out) {
        String name = "reduce " + op;
        CpuArray cx = context.f32(name, "x", x);
        CpuArray co = context.f32(name, "out", out);
        validate(name, cx, co);
        Checks.requireNoAlias(name, co, cx);
        ReducePlan plan = ReducePlan.of(cx.shape(), co.shape());
        double[] acc = new double[co.size()];
        Arrays.fill(acc, identity(op));
        float[] xs = cx.floats();
        if (cx.size() > 0) {
            accumulate(op, xs, plan, acc);
        }
        long count = co.size() == 0 ? 0 : cx.size() / co.size();
        float[] os = co.floats();
        for (int i = 0; i < os.length; i++) {
            os[i] = (float) (op == ReduceOp.MEAN ? acc[i] / count : acc[i]);
        }
    }

    private void accumulate(ReduceOp op, float[] x, ReducePlan plan, double[] acc) {
        int inner = plan.inner();
        int outer = plan.outer();
        if (!plan.innerReduced()) {
            context.parallel().forRange(inner, KernelContext.ROW_GRAIN / Math.max(1, outer),
                    (from, to) -> {
                        for (int run = 0; run < outer; run++) {
                            combineRun(op, x, run * inner, acc, plan.keptIndex(run) * inner,
                                    from, to);
                        }
                    });
        } else if (!plan.outerReduced()) {
            context.parallel().forRows(outer, inner, KernelContext.ROW_GRAIN, (from, to) -> {
                for (int run = from; run < to; run++) {
                    acc[run] = reduceRun(op, x, run * inner, inner);
                }
            });
        } else {
            for (int run = 0; run < outer; run++) {
                int k = plan.keptIndex(run);
                acc[k] = combine(op, acc[k], reduceRun(op, x, run * inner, inner));
            }
        }
    }

    private static double reduceRun(ReduceOp op, float[] x, int offset, int length) {
        return switch (op) {
            case SUM, MEAN -> Simd.sum(x, offset, offset + length);
            case MAX -> Simd.max(x, offset, offset + length);
            case MIN -> Simd.min(x, offset, offset + length);
        };
    }

    /** Combines {@code x[xOffset + j]} into {@code acc[accOffset + j]} for j in [from, to). */
    private static void combineRun(ReduceOp op, float[] x, int xOffset, double[] acc,
            int accOffset, int from, int to) {
        for (int j = from; j < to; j++) {
            acc[accOffset + j] = combine(op, acc[accOffset + j], x[xOffset + j]);
        }
    }

    private static double combine(ReduceOp op, double acc, double value) {
        return switch (op) {
            case SUM, MEAN -> acc + value;
            case MAX -> Math.max(acc, value);
            case MIN -> Math.min(acc, value);
        };
    }

    private static double identity(ReduceOp op) {
        return switch (op) {
            case SUM, MEAN -> 0.0;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
        };
    }

    private static void validate(String name, CpuArray x, CpuArray out) {
        boolean ok = x.shape().rank() == out.shape().rank();
        for (int axis = 0; ok && axis < x.shape().rank(); axis++) {
            long d = out.shape().dim(axis);
            ok = d == x.shape().dim(axis) || d == 1;
        }
        if (!ok) {
            throw new TensorException(name, "out has shape " + out.shape() + " for x "
                    + x.shape() + "; expected x's rank with each dimension equal to x's or 1");
        }
    }
}
