package dev.presso.plugins.tensorcpu.internal.index;

import static dev.presso.plugins.tensorcpu.internal.kernel.Simd.F32;
import static dev.presso.plugins.tensorcpu.internal.kernel.Simd.LANES;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcpu.internal.kernel.Checks;
import dev.presso.plugins.tensorcpu.internal.kernel.KernelContext;
import dev.presso.plugins.tensorcpu.internal.storage.CpuArray;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * Row gather from a table and its backward pass, scatter-add. Indices are checked before
 * anything is written; scatter-add splits columns across threads, so every element still sums
 * its contributions in index order.
 */
public final class GatherKernel {
    private final KernelContext context;

    /** Creates the kernel. */
    public GatherKernel(KernelContext context) {
        this.context = context;
    }

    /** Writes {@code out[i, :] = table[indices[i], :]}. */
    public void gather(DeviceArray table, DeviceArray indices, DeviceArray out) {
        CpuArray ct = context.f32("gather", "table", table);
        CpuArray ci = context.array("gather", "indices", indices, DType.I32);
        CpuArray co = context.f32("gather", "out", out);
        Checks.requireRank("gather", "table", ct, 2);
        int d = Checks.dim(ct, 1);
        Checks.requireShape("gather", "out", co, withRow(ci.shape(), d),
                "indices " + ci.shape() + " followed by table " + ct.shape() + "'s row length");
        Checks.requireNoAlias("gather", co, ct);
        int[] rows = ci.ints();
        requireInRange("gather", rows, Checks.dim(ct, 0));
        float[] ts = ct.floats();
        float[] os = co.floats();
        context.parallel().forRows(rows.length, d, KernelContext.ELEMENTWISE_GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                System.arraycopy(ts, rows[i] * d, os, i * d, d);
            }
        });
    }

    /** Adds {@code source[i, :]} into {@code out[indices[i], :]} in index order. */
    public void scatterAdd(DeviceArray source, DeviceArray indices, DeviceArray out) {
        CpuArray cs = context.f32("scatterAdd", "source", source);
        CpuArray ci = context.array("scatterAdd", "indices", indices, DType.I32);
        CpuArray co = context.f32("scatterAdd", "out", out);
        Checks.requireRank("scatterAdd", "out", co, 2);
        int d = Checks.dim(co, 1);
        Checks.requireShape("scatterAdd", "source", cs, withRow(ci.shape(), d),
                "indices " + ci.shape() + " followed by out " + co.shape() + "'s row length");
        Checks.requireNoAlias("scatterAdd", co, cs);
        int[] rows = ci.ints();
        requireInRange("scatterAdd", rows, Checks.dim(co, 0));
        float[] ss = cs.floats();
        float[] os = co.floats();
        int grain = Math.max(1, KernelContext.ELEMENTWISE_GRAIN / Math.max(1, rows.length));
        context.parallel().forRange(d, grain, (from, to) -> {
            for (int i = 0; i < rows.length; i++) {
                addRow(ss, i * d + from, os, rows[i] * d + from, to - from);
            }
        });
    }

    private static void addRow(float[] source, int from, float[] out, int to, int length) {
        int j = 0;
        for (int upper = F32.loopBound(length); j < upper; j += LANES) {
            FloatVector sum = FloatVector.fromArray(F32, out, to + j)
                    .add(FloatVector.fromArray(F32, source, from + j));
            sum.intoArray(out, to + j);
        }
        for (; j < length; j++) {
            out[to + j] += source[from + j];
        }
    }

    private static Shape withRow(Shape indices, int d) {
        long[] dims = Arrays.copyOf(indices.toArray(), indices.rank() + 1);
        dims[indices.rank()] = d;
        return Shape.of(dims);
    }

    /** Throws naming the first index outside {@code [0, rows)}. */
    static void requireInRange(String op, int[] indices, int rows) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= rows) {
                throw new TensorException(op, "indices[" + i + "] = " + indices[i]
                        + " is outside the table's rows [0, " + rows + ")");
            }
        }
    }
}
