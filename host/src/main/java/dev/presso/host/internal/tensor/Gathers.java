package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.HashSpec;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import java.util.Arrays;
import java.util.List;

/**
 * Indexed reads and their gradients: a row gather is differentiated by scatter-adding the row
 * gradients into a zero table, a hashed expansion by hash-scatter-adding into zero buckets. The
 * indices get no gradient.
 */
final class Gathers {
    private Gathers() {}

    static HostTensor gather(HostTensor table, HostTensor indices) {
        Checks.requireF32("gather", table);
        Checks.requireRank("gather", "a table [V, D]", table, 2);
        Checks.requireDType("gather", "I32 indices", indices, DType.I32);
        Shape tableShape = table.shape();
        long[] dims = Arrays.copyOf(indices.shape().toArray(), indices.shape().rank() + 1);
        dims[dims.length - 1] = tableShape.dim(1);
        TensorBackend backend = table.factory.backend();
        HostTensor y = table.factory.compute(DType.F32, Shape.of(dims),
                out -> backend.gather(table.array(), indices.array(), out));
        Autograd.record("gather", y, List.of(table), List.of(indices), (node, g) -> new Tensor[] {
            g.factory.compute(DType.F32, tableShape,
                    out -> backend.scatterAdd(g.array(), node.saved(0).array(), out))});
        return y;
    }

    static HostTensor hashGather(HostTensor theta, HashSpec spec, long rows, long cols) {
        Checks.requireF32("hashGather", theta);
        Checks.requireRank("hashGather", "shared parameters [P]", theta, 1);
        if (rows < 0 || cols < 0 || theta.shape().dim(0) < 1) {
            throw new TensorException("hashGather", "expected rows, cols >= 0 and at least one parameter, got "
                    + rows + " x " + cols + " from " + theta.describe());
        }
        Shape thetaShape = theta.shape();
        TensorBackend backend = theta.factory.backend();
        HostTensor y = theta.factory.compute(DType.F32, Shape.of(rows, cols),
                out -> backend.hashGather(theta.array(), spec, out));
        Autograd.record("hashGather", y, List.of(theta), List.of(), (node, g) -> new Tensor[] {
            g.factory.compute(DType.F32, thetaShape, out -> backend.hashScatterAdd(g.array(), spec, out))});
        return y;
    }
}
