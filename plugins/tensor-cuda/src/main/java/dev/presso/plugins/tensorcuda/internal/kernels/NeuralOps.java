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

/** softmax, logSoftmax, rmsNorm, rope and fwht, all along the last axis. */
final class NeuralOps {
    /** The largest transform block done in shared memory (16 KiB of floats). */
    static final int SHARED_FWHT_BLOCK = 4096;

    private final OpContext context;

    NeuralOps(OpContext context) {
        this.context = context;
    }

    void softmax(DeviceArray x, DeviceArray out) {
        rowSoftmax("softmax", x, out, false);
    }

    void logSoftmax(DeviceArray x, DeviceArray out) {
        rowSoftmax("logSoftmax", x, out, true);
    }

    private void rowSoftmax(String op, DeviceArray x, DeviceArray out, boolean logarithm) {
        requireRowPair(op, x, out);
        context.checks().noAlias(op, out, x);
        long n = x.shape().dim(-1);
        long rows = rows(x, n);
        if (rows > 0) {
            context.launch(Kernel.SOFTMAX_F32, Launches.rows(rows, n), ptr(context.address(x)),
                    ptr(context.address(out)), i64(rows), i64(n), i32(logarithm ? 1 : 0));
        }
    }

    void rmsNorm(DeviceArray x, DeviceArray weight, float eps, DeviceArray out) {
        String op = "rmsNorm";
        context.resolve(x, weight, out);
        ArgumentChecks.dtype(op, "x", x, DType.F32);
        ArgumentChecks.dtype(op, "weight", weight, DType.F32);
        ArgumentChecks.dtype(op, "out", out, DType.F32);
        ArgumentChecks.minRank(op, "x", x, 1);
        long d = x.shape().dim(-1);
        ArgumentChecks.shape(op, "weight", weight, Shape.of(d),
                "x's last dimension of x " + x.shape());
        ArgumentChecks.sameShape(op, "out", out, "x", x);
        context.checks().noAlias(op, out, x, weight);
        long rows = rows(x, d);
        if (rows > 0) {
            context.launch(Kernel.RMS_NORM_F32, Launches.rows(rows, d), ptr(context.address(x)),
                    ptr(context.address(weight)), ptr(context.address(out)), i64(rows), i64(d),
                    f32(eps));
        }
    }

    void rope(DeviceArray x, DeviceArray cos, DeviceArray sin, boolean inverse, DeviceArray out) {
        String op = "rope";
        context.resolve(x, cos, sin, out);
        ArgumentChecks.dtype(op, "x", x, DType.F32);
        ArgumentChecks.dtype(op, "cos", cos, DType.F32);
        ArgumentChecks.dtype(op, "sin", sin, DType.F32);
        ArgumentChecks.dtype(op, "out", out, DType.F32);
        ArgumentChecks.minRank(op, "x", x, 3);
        long d = x.shape().dim(-1);
        long heads = x.shape().dim(-2);
        long positions = x.shape().dim(-3);
        if (d % 2 != 0) {
            throw new TensorException(op, "x " + x.shape() + " has an odd head dimension " + d
                    + "; expected an even one");
        }
        long half = d / 2;
        Shape table = Shape.of(positions, half);
        ArgumentChecks.shape(op, "cos", cos, table, "[T, D/2] for x [..., T, H, D] " + x.shape());
        ArgumentChecks.shape(op, "sin", sin, table, "[T, D/2] for x [..., T, H, D] " + x.shape());
        ArgumentChecks.sameShape(op, "out", out, "x", x);
        context.checks().noAlias(op, out, x, cos, sin);
        long vectors = rows(x, d);
        if (vectors == 0 || half == 0) {
            return;
        }
        context.launch(Kernel.ROPE_F32, Launches.elementwise(vectors * half),
                ptr(context.address(x)), ptr(context.address(cos)), ptr(context.address(sin)),
                ptr(context.address(out)), i64(vectors), i64(heads), i64(positions), i64(half),
                f32(inverse ? -1f : 1f));
    }

    void fwht(DeviceArray x, int block, float scale, DeviceArray out) {
        String op = "fwht";
        context.resolve(x, out);
        ArgumentChecks.dtype(op, "x", x, DType.F32);
        ArgumentChecks.dtype(op, "out", out, DType.F32);
        ArgumentChecks.minRank(op, "x", x, 1);
        long n = x.shape().dim(-1);
        if (block < 1 || Integer.bitCount(block) != 1 || n % block != 0) {
            throw new TensorException(op, "block " + block + " for x " + x.shape()
                    + "; expected a power of two dividing the last dimension " + n);
        }
        ArgumentChecks.sameShape(op, "out", out, "x", x);
        context.checks().noAlias(op, out, x);
        long size = x.shape().size();
        if (size == 0) {
            return;
        }
        long blocks = size / block;
        long source = context.address(x);
        long target = context.address(out);
        if (block <= SHARED_FWHT_BLOCK) {
            int threads = Math.clamp(block / 2, 32, Launches.THREADS);
            context.launch(Kernel.FWHT_SHARED_F32,
                    Launches.rowsWithShared(blocks, threads, block * Float.BYTES), ptr(source),
                    ptr(target), i64(blocks), i32(block), f32(scale));
            return;
        }
        context.launch(Kernel.COPY_B4, Launches.elementwise(size), ptr(source), ptr(target),
                i64(size));
        for (long h = 1; h < block; h *= 2) {
            context.launch(Kernel.FWHT_STAGE_F32, Launches.elementwise(size / 2), ptr(target),
                    i64(size), i64(h));
        }
        context.launch(Kernel.SCALAR_F32, Launches.elementwise(size), ptr(target), ptr(target),
                i64(size), i32(BinaryOp.MUL.ordinal()), f32(scale));
    }

    private void requireRowPair(String op, DeviceArray x, DeviceArray out) {
        context.resolve(x, out);
        ArgumentChecks.dtype(op, "x", x, DType.F32);
        ArgumentChecks.dtype(op, "out", out, DType.F32);
        ArgumentChecks.minRank(op, "x", x, 1);
        ArgumentChecks.sameShape(op, "out", out, "x", x);
    }

    /** The number of rows of {@code rowLength} elements; 0 for an empty array. */
    private static long rows(DeviceArray x, long rowLength) {
        return rowLength == 0 ? 0 : x.shape().size() / rowLength;
    }
}
