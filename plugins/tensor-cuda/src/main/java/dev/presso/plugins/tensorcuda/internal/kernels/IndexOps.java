package dev.presso.plugins.tensorcuda.internal.kernels;

import static dev.presso.plugins.tensorcuda.internal.kernels.Args.i32;
import static dev.presso.plugins.tensorcuda.internal.kernels.Args.i64;
import static dev.presso.plugins.tensorcuda.internal.kernels.Args.ptr;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.HashSpec;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import java.util.Arrays;

/**
 * gather, scatterAdd, hashGather, hashScatterAdd and topK. Accumulations run in the order the
 * contracts state (index order, element order), so they are deterministic: scatter-add gives each
 * column to one thread, and hashed scatter-add files the elements under their buckets, sorts each
 * bucket's elements and adds them in order.
 */
final class IndexOps {
    /**
     * The largest k selected in rounds by a block per row (k passes over the row, fast for
     * sampling from long rows); larger k keep a heap per row in one thread.
     */
    static final int ROUNDS_UP_TO_K = 128;

    private final OpContext context;

    IndexOps(OpContext context) {
        this.context = context;
    }

    void gather(DeviceArray table, DeviceArray indices, DeviceArray out) {
        context.resolve(table, indices, out);
        ArgumentChecks.dtype("gather", "table", table, DType.F32);
        ArgumentChecks.dtype("gather", "indices", indices, DType.I32);
        ArgumentChecks.dtype("gather", "out", out, DType.F32);
        ArgumentChecks.rank("gather", "table", table, 2);
        long d = table.shape().dim(1);
        ArgumentChecks.shape("gather", "out", out, withRow(indices.shape(), d),
                "indices " + indices.shape() + " followed by table " + table.shape()
                        + "'s row length");
        context.checks().noAlias("gather", out, table);
        context.requireIndicesInRange("gather", indices, table.shape().dim(0));
        long count = indices.shape().size();
        if (count * d == 0) {
            return;
        }
        context.launch(Kernel.GATHER_F32, Launches.elementwise(count * d),
                ptr(context.address(table)), ptr(context.address(indices)),
                ptr(context.address(out)), i64(count), i64(d));
    }

    void scatterAdd(DeviceArray source, DeviceArray indices, DeviceArray out) {
        context.resolve(source, indices, out);
        ArgumentChecks.dtype("scatterAdd", "source", source, DType.F32);
        ArgumentChecks.dtype("scatterAdd", "indices", indices, DType.I32);
        ArgumentChecks.dtype("scatterAdd", "out", out, DType.F32);
        ArgumentChecks.rank("scatterAdd", "out", out, 2);
        long d = out.shape().dim(1);
        ArgumentChecks.shape("scatterAdd", "source", source, withRow(indices.shape(), d),
                "indices " + indices.shape() + " followed by out " + out.shape()
                        + "'s row length");
        context.checks().noAlias("scatterAdd", out, source);
        context.requireIndicesInRange("scatterAdd", indices, out.shape().dim(0));
        long count = indices.shape().size();
        if (count * d == 0) {
            return;
        }
        context.launch(Kernel.SCATTER_ADD_F32, Launches.elementwise(d),
                ptr(context.address(source)), ptr(context.address(indices)),
                ptr(context.address(out)), i64(count), i64(d));
    }

    void hashGather(DeviceArray theta, HashSpec spec, DeviceArray out) {
        context.resolve(theta, out);
        ArgumentChecks.dtype("hashGather", "theta", theta, DType.F32);
        ArgumentChecks.dtype("hashGather", "out", out, DType.F32);
        ArgumentChecks.rank("hashGather", "theta", theta, 1);
        ArgumentChecks.minRank("hashGather", "out", out, 1);
        context.checks().noAlias("hashGather", out, theta);
        long buckets = requireBuckets("hashGather", theta);
        long n = out.shape().size();
        if (n > 0) {
            context.launch(Kernel.HASH_GATHER_F32, Launches.elementwise(n),
                    ptr(context.address(theta)), i64(buckets), ptr(context.address(out)), i64(n),
                    i64(spec.seed()));
        }
    }

    void hashScatterAdd(DeviceArray source, HashSpec spec, DeviceArray out) {
        String op = "hashScatterAdd";
        context.resolve(source, out);
        ArgumentChecks.dtype(op, "source", source, DType.F32);
        ArgumentChecks.dtype(op, "out", out, DType.F32);
        ArgumentChecks.minRank(op, "source", source, 1);
        ArgumentChecks.rank(op, "out", out, 1);
        context.checks().noAlias(op, out, source);
        long buckets = requireBuckets(op, out);
        int n = ArgumentChecks.intCount(op, "source", source);
        if (n == 0) {
            return;
        }
        long seed = spec.seed();
        DeviceMemory memory = context.memory();
        long cursor = memory.allocateTemporary(buckets * Integer.BYTES);
        long offsets = memory.allocateTemporary((buckets + 1) * Integer.BYTES);
        long order = memory.allocateTemporary((long) n * Integer.BYTES);
        try {
            context.launch(Kernel.FILL_I32, Launches.elementwise(buckets), ptr(cursor),
                    i64(buckets), i32(0));
            context.launch(Kernel.HASH_COUNT, Launches.elementwise(n), i64(n), i64(seed),
                    i64(buckets), ptr(cursor));
            context.launch(Kernel.EXCLUSIVE_SCAN_I32, Launches.singleBlock(1024), ptr(cursor),
                    ptr(offsets), i64(buckets));
            context.launch(Kernel.COPY_B4, Launches.elementwise(buckets), ptr(offsets),
                    ptr(cursor), i64(buckets));
            context.launch(Kernel.HASH_PLACE, Launches.elementwise(n), i64(n), i64(seed),
                    i64(buckets), ptr(cursor), ptr(order));
            context.launch(Kernel.HASH_ACCUMULATE_F32, Launches.elementwise(buckets),
                    ptr(context.address(source)), i64(seed), ptr(offsets), ptr(order),
                    ptr(context.address(out)), i64(buckets));
        } finally {
            memory.freeTemporary(order);
            memory.freeTemporary(offsets);
            memory.freeTemporary(cursor);
        }
    }

    void topK(DeviceArray x, int k, DeviceArray values, DeviceArray indices) {
        String op = "topK";
        context.resolve(x, values, indices);
        ArgumentChecks.dtype(op, "x", x, DType.F32);
        ArgumentChecks.dtype(op, "values", values, DType.F32);
        ArgumentChecks.dtype(op, "indices", indices, DType.I32);
        ArgumentChecks.minRank(op, "x", x, 1);
        long n = x.shape().dim(-1);
        if (k < 1 || k > n) {
            throw new TensorException(op, "k = " + k + " for x " + x.shape()
                    + "; expected 1 <= k <= " + n);
        }
        Shape expected = x.shape().with(-1, k);
        String reason = "x " + x.shape() + " with last dimension k = " + k;
        ArgumentChecks.shape(op, "values", values, expected, reason);
        ArgumentChecks.shape(op, "indices", indices, expected, reason);
        context.checks().noAlias(op, values, x);
        context.checks().noAlias(op, indices, x, values);
        long rows = x.shape().size() / n;
        if (rows == 0) {
            return;
        }
        boolean rounds = k <= ROUNDS_UP_TO_K;
        context.launch(rounds ? Kernel.TOP_K_ROUNDS_F32 : Kernel.TOP_K_F32,
                rounds ? Launches.rows(rows, n) : Launches.elementwise(rows),
                ptr(context.address(x)), ptr(context.address(values)),
                ptr(context.address(indices)), i64(rows), i64(n), i32(k));
    }

    private static Shape withRow(Shape indices, long d) {
        long[] dims = Arrays.copyOf(indices.toArray(), indices.rank() + 1);
        dims[indices.rank()] = d;
        return Shape.of(dims);
    }

    private static long requireBuckets(String op, DeviceArray shared) {
        long buckets = shared.shape().size();
        if (buckets == 0) {
            throw new TensorException(op, "the shared vector " + shared.shape()
                    + " is empty; expected at least one bucket");
        }
        if (buckets > Integer.MAX_VALUE) {
            throw new TensorException(op, "the shared vector " + shared.shape() + " has "
                    + buckets + " buckets; expected at most " + Integer.MAX_VALUE);
        }
        return buckets;
    }
}
