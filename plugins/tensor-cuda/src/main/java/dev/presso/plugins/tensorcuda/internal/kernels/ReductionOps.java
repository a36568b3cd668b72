package dev.presso.plugins.tensorcuda.internal.kernels;

import static dev.presso.plugins.tensorcuda.internal.kernels.Args.i32;
import static dev.presso.plugins.tensorcuda.internal.kernels.Args.i64;
import static dev.presso.plugins.tensorcuda.internal.kernels.Args.ptr;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * reduce over any set of axes, and argMax. The input's axes are merged into alternating groups
 * of kept and reduced dimensions; each reduced group is one pass over an
 * {@code [outer, length, inner]} view, the last group first. Passes accumulate in double, and
 * hand double partial results to the next pass, so only the final result is rounded to float.
 */
final class ReductionOps {
    private static final int SINGLE = 0;
    private static final int FIRST = 1;
    private static final int MIDDLE = 2;
    private static final int LAST = 3;
    private static final Kernel[] ROWS = {Kernel.REDUCE_ROWS_F32_F32, Kernel.REDUCE_ROWS_F32_F64,
        Kernel.REDUCE_ROWS_F64_F64, Kernel.REDUCE_ROWS_F64_F32};
    private static final Kernel[] COLUMNS = {Kernel.REDUCE_COLUMNS_F32_F32,
        Kernel.REDUCE_COLUMNS_F32_F64, Kernel.REDUCE_COLUMNS_F64_F64,
        Kernel.REDUCE_COLUMNS_F64_F32};

    private final OpContext context;

    ReductionOps(OpContext context) {
        this.context = context;
    }

    void reduce(ReduceOp op, DeviceArray x, DeviceArray out) {
        String name = "reduce " + op;
        context.resolve(x, out);
        ArgumentChecks.dtype(name, "x", x, DType.F32);
        ArgumentChecks.dtype(name, "out", out, DType.F32);
        validate(name, x.shape(), out.shape());
        context.checks().noAlias(name, out, x);
        long outputs = out.shape().size();
        if (outputs == 0) {
            return;
        }
        long divisor = op == ReduceOp.MEAN ? x.shape().size() / outputs : -1;
        List<long[]> groups = groups(x.shape(), out.shape());
        List<Integer> reducedGroups = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            if (groups.get(g)[1] == 1) {
                reducedGroups.add(g);
            }
        }
        if (reducedGroups.isEmpty()) {
            pass(SINGLE, op, context.address(x), context.address(out), 1, 1, outputs, divisor);
            return;
        }
        long[] sizes = groups.stream().mapToLong(g -> g[0]).toArray();
        long source = context.address(x);
        long temporary = 0;
        for (int p = reducedGroups.size() - 1; p >= 0; p--) {
            int g = reducedGroups.get(p);
            long outer = product(sizes, 0, g);
            long length = sizes[g];
            long inner = product(sizes, g + 1, sizes.length);
            boolean first = p == reducedGroups.size() - 1;
            boolean last = p == 0;
            int stage = first && last ? SINGLE : first ? FIRST : last ? LAST : MIDDLE;
            long target = last ? context.address(out)
                    : context.memory().allocateTemporary(Math.max(1, outer * inner * Double.BYTES));
            pass(stage, op, source, target, outer, length, inner, last ? divisor : -1);
            if (temporary != 0) {
                context.memory().freeTemporary(temporary);
            }
            temporary = last ? 0 : target;
            source = target;
            sizes[g] = 1;
        }
    }

    void argMax(DeviceArray x, DeviceArray out) {
        context.resolve(x, out);
        ArgumentChecks.dtype("argMax", "x", x, DType.F32);
        ArgumentChecks.dtype("argMax", "out", out, DType.I32);
        ArgumentChecks.minRank("argMax", "x", x, 1);
        Shape rows = Shape.of(Arrays.copyOf(x.shape().toArray(), x.shape().rank() - 1));
        ArgumentChecks.shape("argMax", "out", out, rows,
                "x " + x.shape() + " without its last axis");
        long n = x.shape().dim(-1);
        if (n == 0) {
            throw new TensorException("argMax", "x " + x.shape()
                    + " has an empty last axis; expected at least one element per row");
        }
        long count = out.shape().size();
        if (count == 0) {
            return;
        }
        context.launch(Kernel.ARGMAX_F32, Launches.rows(count, n), ptr(context.address(x)),
                ptr(context.address(out)), i64(count), i64(n));
    }

    private void pass(int stage, ReduceOp op, long source, long target, long outer, long length,
            long inner, long divisor) {
        if (inner == 1) {
            context.launch(ROWS[stage], Launches.rows(outer, length), ptr(source), ptr(target),
                    i64(outer), i64(length), i32(op.ordinal()), i64(divisor));
        } else {
            context.launch(COLUMNS[stage], Launches.elementwise(outer * inner), ptr(source),
                    ptr(target), i64(outer), i64(length), i64(inner), i32(op.ordinal()),
                    i64(divisor));
        }
    }

    /** The axes of x merged into groups {size, 1 if reduced else 0}; size-1 axes dropped. */
    private static List<long[]> groups(Shape x, Shape out) {
        List<long[]> groups = new ArrayList<>();
        for (int axis = 0; axis < x.rank(); axis++) {
            long size = x.dim(axis);
            if (size == 1) {
                continue;
            }
            long reduced = out.dim(axis) == 1 ? 1 : 0;
            long[] last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (last != null && last[1] == reduced) {
                last[0] *= size;
            } else {
                groups.add(new long[] {size, reduced});
            }
        }
        return groups;
    }

    private static long product(long[] sizes, int from, int to) {
        long product = 1;
        for (int i = from; i < to; i++) {
            product *= sizes[i];
        }
        return product;
    }

    private static void validate(String name, Shape x, Shape out) {
        boolean ok = x.rank() == out.rank();
        for (int axis = 0; ok && axis < x.rank(); axis++) {
            long d = out.dim(axis);
            ok = d == x.dim(axis) || d == 1;
        }
        if (!ok) {
            throw new TensorException(name, "out has shape " + out + " for x " + x
                    + "; expected x's rank with each dimension equal to x's or 1");
        }
    }
}
