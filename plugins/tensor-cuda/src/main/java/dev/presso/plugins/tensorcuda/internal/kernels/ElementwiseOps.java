package dev.presso.plugins.tensorcuda.internal.kernels;

import static dev.presso.plugins.tensorcuda.internal.kernels.Args.f32;
import static dev.presso.plugins.tensorcuda.internal.kernels.Args.i32;
import static dev.presso.plugins.tensorcuda.internal.kernels.Args.i64;
import static dev.presso.plugins.tensorcuda.internal.kernels.Args.ptr;

import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.UnaryOp;
import java.util.ArrayList;
import java.util.List;

/** fill, unary, binary (NumPy broadcasting), scalar and clamp. */
final class ElementwiseOps {
    private final OpContext context;

    ElementwiseOps(OpContext context) {
        this.context = context;
    }

    void fill(DeviceArray out, float value) {
        context.resolve(out);
        ArgumentChecks.dtype("fill", "out", out, DType.F32, DType.I32);
        long n = out.shape().size();
        if (n == 0) {
            return;
        }
        if (out.dtype() == DType.F32) {
            context.launch(Kernel.FILL_F32, Launches.elementwise(n), ptr(context.address(out)),
                    i64(n), f32(value));
        } else {
            context.launch(Kernel.FILL_I32, Launches.elementwise(n), ptr(context.address(out)),
                    i64(n), i32((int) value));
        }
    }

    void unary(UnaryOp op, DeviceArray x, DeviceArray out) {
        String name = "unary " + op;
        requireF32Pair(name, x, out);
        long n = out.shape().size();
        if (n > 0) {
            context.launch(Kernel.UNARY_F32, Launches.elementwise(n), ptr(context.address(x)),
                    ptr(context.address(out)), i64(n), i32(op.ordinal()));
        }
    }

    void scalar(BinaryOp op, DeviceArray x, float s, DeviceArray out) {
        String name = "scalar " + op;
        requireF32Pair(name, x, out);
        long n = out.shape().size();
        if (n > 0) {
            context.launch(Kernel.SCALAR_F32, Launches.elementwise(n), ptr(context.address(x)),
                    ptr(context.address(out)), i64(n), i32(op.ordinal()), f32(s));
        }
    }

    void clamp(DeviceArray x, float low, float high, DeviceArray out) {
        requireF32Pair("clamp", x, out);
        if (!(low <= high)) {
            throw new TensorException("clamp", "bounds [" + low + ", " + high + "] are empty; "
                    + "expected low <= high, neither NaN");
        }
        long n = out.shape().size();
        if (n > 0) {
            context.launch(Kernel.CLAMP_F32, Launches.elementwise(n), ptr(context.address(x)),
                    ptr(context.address(out)), i64(n), f32(low), f32(high));
        }
    }

    void binary(BinaryOp op, DeviceArray a, DeviceArray b, DeviceArray out) {
        String name = "binary " + op;
        context.resolve(a, b, out);
        ArgumentChecks.dtype(name, "a", a, DType.F32);
        ArgumentChecks.dtype(name, "b", b, DType.F32);
        ArgumentChecks.dtype(name, "out", out, DType.F32);
        Shape shape = Shape.broadcast(name, a.shape(), b.shape());
        ArgumentChecks.shape(name, "out", out, shape,
                "the broadcast of a " + a.shape() + " and b " + b.shape());
        context.checks().exactAlias(name, out, a, b);
        if (shape.size() == 0) {
            return;
        }
        long[] dims = shape.toArray();
        StridedLoops loops = StridedLoops.merge(dims, new long[][] {
            StridedLoops.contiguous(dims), broadcastStrides(a.shape(), dims),
            broadcastStrides(b.shape(), dims)});
        long base = context.address(out);
        long aBase = context.address(a);
        long bBase = context.address(b);
        loops.forEachLaunch((offsets, loopDims, strides, count) -> {
            List<KernelArg> args = new ArrayList<>(List.of(ptr(aBase + offsets[1] * Float.BYTES),
                    ptr(bBase + offsets[2] * Float.BYTES), ptr(base + offsets[0] * Float.BYTES),
                    i64(count), i32(op.ordinal())));
            for (long d : loopDims) {
                args.add(i64(d));
            }
            for (long s : strides[1]) {
                args.add(i64(s));
            }
            for (long s : strides[2]) {
                args.add(i64(s));
            }
            context.launch(Kernel.BINARY_F32, Launches.elementwise(count),
                    args.toArray(KernelArg[]::new));
        });
    }

    /** An operand's element strides along each output axis: 0 where it is broadcast. */
    private static long[] broadcastStrides(Shape operand, long[] outDims) {
        long[] strides = new long[outDims.length];
        long stride = 1;
        for (int fromEnd = 1; fromEnd <= outDims.length; fromEnd++) {
            int axis = outDims.length - fromEnd;
            if (fromEnd > operand.rank()) {
                break;
            }
            long d = operand.dim(operand.rank() - fromEnd);
            strides[axis] = d == outDims[axis] && d != 1 ? stride : 0;
            stride *= d;
        }
        return strides;
    }

    private void requireF32Pair(String name, DeviceArray x, DeviceArray out) {
        context.resolve(x, out);
        ArgumentChecks.dtype(name, "x", x, DType.F32);
        ArgumentChecks.dtype(name, "out", out, DType.F32);
        ArgumentChecks.sameShape(name, "out", out, "x", x);
    }
}
