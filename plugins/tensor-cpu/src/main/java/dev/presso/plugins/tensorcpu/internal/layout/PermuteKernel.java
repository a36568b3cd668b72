package dev.presso.plugins.tensorcpu.internal.layout;

import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcpu.internal.kernel.Checks;
import dev.presso.plugins.tensorcpu.internal.kernel.KernelContext;
import dev.presso.plugins.tensorcpu.internal.storage.CpuArray;
import java.util.Arrays;

/**
 * Axis permutation. The output's axes are merged where the input walks them contiguously; the
 * last two merged axes are copied in tiles so that transposes stay cache friendly.
 */
public final class PermuteKernel {
    private static final String OP = "permute";
    /**
     * Tiles are many rows by few columns: each strided source line then serves a run of output
     * rows while it is cached, and few lines are live at once, which avoids the cache-set
     * conflicts that square tiles hit at power-of-two strides.
     */
    private static final int TILE_ROWS = 256;
    private static final int TILE_WIDTH = 8;

    private final KernelContext context;

    /** Creates the kernel. */
    public PermuteKernel(KernelContext context) {
        this.context = context;
    }

    /** Writes {@code x} with its axes reordered so that out axis i is x axis {@code axes[i]}. */
    public void permute(DeviceArray x, int[] axes, DeviceArray out) {
        CpuArray cx = context.array(OP, "x", x);
        CpuArray co = context.array(OP, "out", out);
        Checks.requireSameDType(OP, "out", co, "x", cx);
        if (cx.dtype().isPacked()) {
            throw new TensorException(OP, "x has packed dtype " + cx.dtype()
                    + "; expected an unpacked dtype");
        }
        Shape xs = cx.shape();
        validatePermutation(xs, axes);
        long[] permuted = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            permuted[i] = xs.dim(axes[i]);
        }
        Checks.requireShape(OP, "out", co, Shape.of(permuted),
                "x " + xs + " permuted by " + Arrays.toString(axes));
        Checks.requireNoAlias(OP, co, cx);
        if (co.size() == 0) {
            return;
        }
        run(cx.data(), co.data(), loops(xs, axes));
    }

    private void run(Object src, Object dst, int[][] loops) {
        int[] dims = loops[0];
        int[] strides = loops[1];
        int m = dims.length;
        if (m == 1) {
            System.arraycopy(src, 0, dst, 0, dims[0]);
            return;
        }
        int rows = dims[m - 2];
        int cols = dims[m - 1];
        int rowStride = strides[m - 2];
        int colStride = strides[m - 1];
        int width = colStride == 1 ? cols : TILE_WIDTH;
        int outer = 1;
        for (int i = 0; i < m - 2; i++) {
            outer *= dims[i];
        }
        int rowBlocks = Math.ceilDiv(rows, TILE_ROWS);
        int plane = rows * cols;
        context.parallel().forRows(outer * rowBlocks, TILE_ROWS * cols,
                KernelContext.ELEMENTWISE_GRAIN, (from, to) -> {
                    for (int task = from; task < to; task++) {
                        int o = task / rowBlocks;
                        int r0 = (task % rowBlocks) * TILE_ROWS;
                        int count = Math.min(TILE_ROWS, rows - r0);
                        int base = sourceOffset(o, dims, strides) + r0 * rowStride;
                        for (int c0 = 0; c0 < cols; c0 += width) {
                            ElementMoves.tile(src, base + c0 * colStride, rowStride, colStride,
                                    dst, o * plane + r0 * cols + c0, cols, count,
                                    Math.min(width, cols - c0));
                        }
                    }
                });
    }

    /** The input offset of outer position {@code o} over all loops but the last two. */
    private static int sourceOffset(int o, int[] dims, int[] strides) {
        int offset = 0;
        int rest = o;
        for (int i = dims.length - 3; i >= 0; i--) {
            offset += (rest % dims[i]) * strides[i];
            rest /= dims[i];
        }
        return offset;
    }

    /** Returns {dims, input strides} of the merged output loops, size-1 axes dropped. */
    private static int[][] loops(Shape x, int[] axes) {
        int[] dims = new int[axes.length + 1];
        int[] strides = new int[axes.length + 1];
        int m = 0;
        for (int axis : axes) {
            int d = (int) x.dim(axis);
            if (d == 1) {
                continue;
            }
            int stride = (int) x.sizeOf(axis + 1, x.rank());
            if (m > 0 && strides[m - 1] == stride * d) {
                dims[m - 1] *= d;
                strides[m - 1] = stride;
            } else {
                dims[m] = d;
                strides[m] = stride;
                m++;
            }
        }
        if (m == 0) {
            dims[0] = 1;
            strides[0] = 1;
            m = 1;
        }
        return new int[][] {Arrays.copyOf(dims, m), Arrays.copyOf(strides, m)};
    }

    private static void validatePermutation(Shape x, int[] axes) {
        boolean[] seen = new boolean[x.rank()];
        boolean ok = axes.length == x.rank();
        for (int i = 0; ok && i < axes.length; i++) {
            ok = axes[i] >= 0 && axes[i] < x.rank() && !seen[axes[i]];
            if (ok) {
                seen[axes[i]] = true;
            }
        }
        if (!ok) {
            throw new TensorException(OP, "axes " + Arrays.toString(axes) + " for x " + x
                    + "; expected a permutation of 0.." + (x.rank() - 1));
        }
    }
}
