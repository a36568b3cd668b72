package dev.presso.plugins.tensorcuda.internal.kernels;

import static dev.presso.plugins.tensorcuda.internal.kernels.Args.i64;
import static dev.presso.plugins.tensorcuda.internal.kernels.Args.ptr;

import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** copy, permute and copySlice, on elements of any unpacked dtype (copy: any dtype). */
final class LayoutOps {
    private final OpContext context;

    LayoutOps(OpContext context) {
        this.context = context;
    }

    void copy(DeviceArray source, DeviceArray target) {
        context.resolve(source, target);
        ArgumentChecks.sameDType("copy", "target", target, "source", source);
        if (source.shape().size() != target.shape().size()) {
            throw new TensorException("copy", "source " + source.shape() + " has "
                    + source.shape().size() + " elements but target " + target.shape() + " has "
                    + target.shape().size() + "; expected the same count");
        }
        if (context.address(source) == context.address(target)) {
            return;
        }
        context.checks().noAlias("copy", target, source);
        long bytes = source.byteSize();
        if (bytes == 0) {
            return;
        }
        boolean words = bytes % Integer.BYTES == 0;
        long count = words ? bytes / Integer.BYTES : bytes;
        context.launch(words ? Kernel.COPY_B4 : Kernel.COPY_B1, Launches.elementwise(count),
                ptr(context.address(source)), ptr(context.address(target)), i64(count));
    }

    void permute(DeviceArray x, int[] axes, DeviceArray out) {
        String op = "permute";
        context.resolve(x, out);
        ArgumentChecks.sameDType(op, "out", out, "x", x);
        ArgumentChecks.unpacked(op, "x", x);
        Shape shape = x.shape();
        requirePermutation(op, shape, axes);
        long[] permuted = new long[axes.length];
        long[] sourceStrides = new long[axes.length];
        long[] xStrides = StridedLoops.contiguous(shape.toArray());
        for (int i = 0; i < axes.length; i++) {
            permuted[i] = shape.dim(axes[i]);
            sourceStrides[i] = xStrides[axes[i]];
        }
        ArgumentChecks.shape(op, "out", out, Shape.of(permuted),
                "x " + shape + " permuted by " + Arrays.toString(axes));
        context.checks().noAlias(op, out, x);
        if (shape.size() == 0) {
            return;
        }
        int bytes = x.dtype().bits() / 8;
        Kernel kernel = Kernel.forElementBytes(Kernel.PERMUTE_B4, bytes);
        StridedLoops loops = StridedLoops.merge(permuted,
                new long[][] {StridedLoops.contiguous(permuted), sourceStrides});
        long target = context.address(out);
        long source = context.address(x);
        loops.forEachLaunch((offsets, dims, strides, count) -> {
            List<KernelArg> args = new ArrayList<>(List.of(ptr(source + offsets[1] * bytes),
                    ptr(target + offsets[0] * bytes), i64(count)));
            for (long d : dims) {
                args.add(i64(d));
            }
            for (long s : strides[1]) {
                args.add(i64(s));
            }
            context.launch(kernel, Launches.elementwise(count), args.toArray(KernelArg[]::new));
        });
    }

    void copySlice(DeviceArray source, DeviceArray target, int axis, long sourceStart,
            long targetStart, long length) {
        String op = "copySlice";
        context.resolve(source, target);
        ArgumentChecks.sameDType(op, "target", target, "source", source);
        ArgumentChecks.unpacked(op, "source", source);
        Shape s = source.shape();
        Shape t = target.shape();
        int a = requireAxis(op, s, t, axis);
        long sourceDim = s.dim(a);
        long targetDim = t.dim(a);
        if (length < 0 || sourceStart < 0 || targetStart < 0 || sourceStart + length > sourceDim
                || targetStart + length > targetDim) {
            throw new TensorException(op, "range of " + length + " from " + sourceStart
                    + " (source " + s + ") to " + targetStart + " (target " + t + ") on axis "
                    + axis + " is out of bounds; expected non-negative starts and length with "
                    + "start + length within the axis");
        }
        context.checks().noAlias(op, target, source);
        long outer = s.sizeOf(0, a);
        long inner = s.sizeOf(a + 1, s.rank());
        long run = length * inner;
        if (outer * run == 0) {
            return;
        }
        int bytes = source.dtype().bits() / 8;
        context.launch(Kernel.forElementBytes(Kernel.COPY_SLICE_B4, bytes),
                Launches.elementwise(outer * run), ptr(context.address(source)),
                ptr(context.address(target)), i64(outer), i64(run), i64(sourceDim * inner),
                i64(sourceStart * inner), i64(targetDim * inner), i64(targetStart * inner));
    }

    private static int requireAxis(String op, Shape s, Shape t, int axis) {
        if (s.rank() != t.rank() || s.rank() == 0 || axis < -s.rank() || axis >= s.rank()) {
            throw new TensorException(op, "source " + s + " and target " + t + " with axis "
                    + axis + "; expected equal ranks of at least 1 and an axis in range");
        }
        int a = s.axis(axis);
        for (int i = 0; i < s.rank(); i++) {
            if (i != a && s.dim(i) != t.dim(i)) {
                throw new TensorException(op, "source " + s + " and target " + t
                        + " differ on axis " + i + "; expected them equal except on axis " + a);
            }
        }
        return a;
    }

    private static void requirePermutation(String op, Shape x, int[] axes) {
        boolean[] seen = new boolean[x.rank()];
        boolean ok = axes.length == x.rank();
        for (int i = 0; ok && i < axes.length; i++) {
            ok = axes[i] >= 0 && axes[i] < x.rank() && !seen[axes[i]];
            if (ok) {
                seen[axes[i]] = true;
            }
        }
        if (!ok) {
            throw new TensorException(op, "axes " + Arrays.toString(axes) + " for x " + x
                    + "; expected a permutation of 0.." + (x.rank() - 1));
        }
    }
}
