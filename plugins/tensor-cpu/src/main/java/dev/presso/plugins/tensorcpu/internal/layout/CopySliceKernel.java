package dev.presso.plugins.tensorcpu.internal.layout;

import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcpu.internal.kernel.Checks;
import dev.presso.plugins.tensorcpu.internal.kernel.KernelContext;
import dev.presso.plugins.tensorcpu.internal.storage.CpuArray;

/** Copies a range of one axis between arrays that agree on every other dimension. */
public final class CopySliceKernel {
    private static final String OP = "copySlice";

    private final KernelContext context;

    /** Creates the kernel. */
    public CopySliceKernel(KernelContext context) {
        this.context = context;
    }

    /** Copies {@code source[.., sourceStart + i, ..]} to {@code target[.., targetStart + i]}. */
    public void copySlice(DeviceArray source, DeviceArray target, int axis, long sourceStart,
            long targetStart, long length) {
        CpuArray cs = context.array(OP, "source", source);
        CpuArray ct = context.array(OP, "target", target);
        Checks.requireSameDType(OP, "target", ct, "source", cs);
        if (cs.dtype().isPacked()) {
            throw new TensorException(OP, "source has packed dtype " + cs.dtype()
                    + "; expected an unpacked dtype");
        }
        Shape s = cs.shape();
        Shape t = ct.shape();
        int a = validAxis(s, t, axis);
        long sourceDim = s.dim(a);
        long targetDim = t.dim(a);
        if (length < 0 || sourceStart < 0 || targetStart < 0 || sourceStart + length > sourceDim
                || targetStart + length > targetDim) {
            throw new TensorException(OP, "range of " + length + " from " + sourceStart
                    + " (source " + s + ") to " + targetStart + " (target " + t + ") on axis "
                    + axis + " is out of bounds; expected non-negative starts and length with "
                    + "start + length within the axis");
        }
        Checks.requireNoAlias(OP, ct, cs);
        int outer = (int) s.sizeOf(0, a);
        int inner = (int) s.sizeOf(a + 1, s.rank());
        int run = (int) length * inner;
        Object src = cs.data();
        Object dst = ct.data();
        for (int o = 0; o < outer; o++) {
            System.arraycopy(src, (int) ((o * sourceDim + sourceStart) * inner), dst,
                    (int) ((o * targetDim + targetStart) * inner), run);
        }
    }

    private static int validAxis(Shape s, Shape t, int axis) {
        if (s.rank() != t.rank() || s.rank() == 0 || axis < -s.rank() || axis >= s.rank()) {
            throw new TensorException(OP, "source " + s + " and target " + t + " with axis "
                    + axis + "; expected equal ranks of at least 1 and an axis in range");
        }
        int a = s.axis(axis);
        for (int i = 0; i < s.rank(); i++) {
            if (i != a && s.dim(i) != t.dim(i)) {
                throw new TensorException(OP, "source " + s + " and target " + t
                        + " differ on axis " + i + "; expected them equal except on axis " + a);
            }
        }
        return a;
    }
}
