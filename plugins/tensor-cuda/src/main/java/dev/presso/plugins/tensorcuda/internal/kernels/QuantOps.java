package dev.presso.plugins.tensorcuda.internal.kernels;

import static dev.presso.plugins.tensorcuda.internal.kernels.Args.i32;
import static dev.presso.plugins.tensorcuda.internal.kernels.Args.i64;
import static dev.presso.plugins.tensorcuda.internal.kernels.Args.ptr;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;

/** cast between dtypes, and group-wise quantize and dequantize with packed codes. */
final class QuantOps {
    private static final DType[] CASTABLE = {DType.F32, DType.F16, DType.BF16, DType.I32,
        DType.I8, DType.U8};
    private static final DType[] CODES = {DType.I1, DType.I2, DType.I4, DType.U8};

    private final OpContext context;

    QuantOps(OpContext context) {
        this.context = context;
    }

    void cast(DeviceArray x, DeviceArray out) {
        context.resolve(x, out);
        ArgumentChecks.dtype("cast", "x", x, CASTABLE);
        ArgumentChecks.dtype("cast", "out", out, CASTABLE);
        ArgumentChecks.sameShape("cast", "out", out, "x", x);
        boolean sameMemory = context.address(x) == context.address(out);
        if (sameMemory && x.dtype() == out.dtype()) {
            return;
        }
        context.checks().noAlias("cast", out, x);
        long n = x.shape().size();
        if (n == 0) {
            return;
        }
        if (x.dtype() == out.dtype()) {
            int bytes = x.dtype().bits() / 8;
            context.launch(Kernel.forElementBytes(Kernel.COPY_B4, bytes), Launches.elementwise(n),
                    ptr(context.address(x)), ptr(context.address(out)), i64(n));
            return;
        }
        context.launch(Kernel.CAST, Launches.elementwise(n), ptr(context.address(x)),
                i32(x.dtype().ordinal()), ptr(context.address(out)), i32(out.dtype().ordinal()),
                i64(n));
    }

    void quantize(DeviceArray x, DeviceArray scales, DeviceArray zeros, DeviceArray out) {
        context.resolve(x, scales, zeros, out);
        ArgumentChecks.dtype("quantize", "x", x, DType.F32);
        ArgumentChecks.dtype("quantize", "out", out, CODES);
        ArgumentChecks.sameShape("quantize", "out", out, "x", x);
        long groups = groups("quantize", x, scales, zeros);
        context.checks().noAlias("quantize", out, x, scales, zeros);
        long rows = x.shape().dim(0);
        long cols = x.shape().dim(1);
        long bytes = out.byteSize();
        if (bytes == 0) {
            return;
        }
        context.launch(Kernel.QUANTIZE_F32, Launches.elementwise(bytes), ptr(context.address(x)),
                ptr(context.address(scales)), ptr(context.address(zeros)),
                ptr(context.address(out)), i64(rows), i64(cols), i64(groups),
                i32(out.dtype().bits()));
    }

    void dequantize(DeviceArray codes, DeviceArray scales, DeviceArray zeros, DeviceArray out) {
        context.resolve(codes, scales, zeros, out);
        ArgumentChecks.dtype("dequantize", "codes", codes, CODES);
        ArgumentChecks.dtype("dequantize", "out", out, DType.F32);
        ArgumentChecks.sameShape("dequantize", "out", out, "codes", codes);
        long groups = groups("dequantize", codes, scales, zeros);
        context.checks().noAlias("dequantize", out, codes, scales, zeros);
        long rows = codes.shape().dim(0);
        long cols = codes.shape().dim(1);
        if (rows * cols == 0) {
            return;
        }
        context.launch(Kernel.DEQUANTIZE_F32, Launches.elementwise(rows * cols),
                ptr(context.address(codes)), ptr(context.address(scales)),
                ptr(context.address(zeros)), ptr(context.address(out)), i64(rows), i64(cols),
                i64(groups), i32(codes.dtype().bits()));
    }

    /** Checks {@code scales, zeros [R, G]} for values {@code [R, C]}; returns G. */
    private static long groups(String op, DeviceArray values, DeviceArray scales,
            DeviceArray zeros) {
        ArgumentChecks.dtype(op, "scales", scales, DType.F32);
        ArgumentChecks.dtype(op, "zeros", zeros, DType.F32);
        ArgumentChecks.rank(op, "values", values, 2);
        ArgumentChecks.rank(op, "scales", scales, 2);
        long rows = values.shape().dim(0);
        long cols = values.shape().dim(1);
        long groups = scales.shape().dim(1);
        if (scales.shape().dim(0) != rows || groups == 0 || cols % groups != 0) {
            throw new TensorException(op, "scales " + scales.shape() + " for values "
                    + values.shape() + "; expected [" + rows + ", G] with G dividing " + cols);
        }
        ArgumentChecks.shape(op, "zeros", zeros, Shape.of(rows, groups), "the shape of scales");
        return groups;
    }
}
