package dev.presso.plugins.tensorcpu.internal.elementwise;

import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.plugins.tensorcpu.internal.kernel.Checks;
import dev.presso.plugins.tensorcpu.internal.kernel.KernelContext;
import dev.presso.plugins.tensorcpu.internal.storage.CpuArray;

/** {@code binary} with NumPy broadcasting, and {@code scalar} with a scalar right operand. */
public final class BinaryKernel {
    private final KernelContext context;

    /** Creates the kernel. */
    public BinaryKernel(KernelContext context) {
        this.context = context;
    }

    /** Computes {@code out = op(a, b)} with broadcasting; out may be a or b of its own shape. */
    public void binary(BinaryOp op, DeviceArray a, DeviceArray b, DeviceArray out) {
        String name = "binary " + op;
        CpuArray ca = context.f32(name, "a", a);
        CpuArray cb = context.f32(name, "b", b);
        CpuArray co = context.f32(name, "out", out);
        Shape shape = Shape.broadcast(name, ca.shape(), cb.shape());
        Checks.requireShape(name, "out", co, shape,
                "the broadcast of a " + ca.shape() + " and b " + cb.shape());
        Checks.requireExactAlias(name, co, ca, cb);
        if (co.size() == 0) {
            return;
        }
        Broadcast plan = Broadcast.plan(shape, ca.shape(), cb.shape());
        run(op, ca.floats(), cb.floats(), co.floats(), plan);
    }

    /** Computes {@code out[i] = op(x[i], s)}; out may be x. */
    public void scalar(BinaryOp op, DeviceArray x, float s, DeviceArray out) {
        String name = "scalar " + op;
        CpuArray cx = context.f32(name, "x", x);
        CpuArray co = context.f32(name, "out", out);
        Checks.requireSameShape(name, "out", co, "x", cx);
        float[] xs = cx.floats();
        float[] os = co.floats();
        float[] scalar = {s};
        BinaryFunctions.Run body = BinaryFunctions.body(op);
        context.parallel().forRange(co.size(), KernelContext.ELEMENTWISE_GRAIN, (from, to) ->
                body.run(new BinaryFunctions.Operands(xs, from, true, scalar, 0, false), os, from,
                        to - from));
    }

    private void run(BinaryOp op, float[] a, float[] b, float[] out, Broadcast plan) {
        int inner = plan.inner();
        boolean aAdvances = plan.aStrides()[plan.dims().length - 1] == 1;
        boolean bAdvances = plan.bStrides()[plan.dims().length - 1] == 1;
        int rows = plan.rows();
        BinaryFunctions.Run body = BinaryFunctions.body(op);
        if (rows == 1) {
            context.parallel().forRange(inner, KernelContext.ELEMENTWISE_GRAIN, (from, to) ->
                    body.run(new BinaryFunctions.Operands(a, aAdvances ? from : 0, aAdvances,
                            b, bAdvances ? from : 0, bAdvances), out, from, to - from));
            return;
        }
        context.parallel().forRows(rows, inner, KernelContext.ELEMENTWISE_GRAIN, (from, to) -> {
            for (int row = from; row < to; row++) {
                body.run(new BinaryFunctions.Operands(a, plan.aOffset(row), aAdvances, b,
                        plan.bOffset(row), bAdvances), out, row * inner, inner);
            }
        });
    }
}
