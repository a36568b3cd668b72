package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import dev.presso.kernel.tensor.UnaryOp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * N:M semi-structured pruning: every run of {@code M} consecutive weights of a row keeps its
 * {@code N} largest magnitudes (ties toward the lower position); needs {@code M} to divide
 * {@code in}. One level, sparsity {@code 1 - N/M}.
 *
 * <p>Payload: {@code values}, the kept weights in F16, {@code [out * in / M, N]} (group by group,
 * ascending position); {@code indices}, each kept weight's position in its group at
 * {@code b = ceil(log2 M)} bits ({@code [out * in / M, N]}, see {@link BitPlanes}; 2 bits for 2:4).
 * Cost exactly {@code out * (in / M) * N * (16 + b)} bits: 18 bits per kept weight, 9 bits per
 * weight, for 2:4.
 *
 * @param kept {@code N}
 * @param group {@code M}
 */
record SemiStructuredSparsity(int kept, int group) implements SparsityPattern {
    /** The largest group, whose positions fit 8-bit codes. */
    static final int MAX_GROUP = 256;

    @Override
    public String text() {
        return kept + ":" + group;
    }

    @Override
    public List<Level> levels() {
        return List.of(Levels.fraction("sparsity", 1.0 - (double) kept / group));
    }

    /** Returns the bits of one position in a group. @return {@code ceil(log2 M)} */
    int indexBits() {
        return 32 - Integer.numberOfLeadingZeros(group - 1);
    }

    @Override
    public long cost(String method, long outFeatures, long inFeatures, Level level) {
        requireDivides(method, outFeatures, inFeatures);
        return outFeatures * (inFeatures / group) * kept * (16 + indexBits());
    }

    private void requireDivides(String method, long outFeatures, long inFeatures) {
        if (inFeatures % group != 0) {
            throw new PressoException(method + ": pattern " + text() + " prunes runs of " + group
                    + " input columns, but the layer [" + outFeatures + " x " + inFeatures + "] has " + inFeatures
                    + "; expected in_features divisible by " + group);
        }
    }

    @Override
    public OperatorPayload encode(Tensors tensors, Tensor weight, Level level) {
        long out = weight.shape().dim(0);
        long in = weight.shape().dim(1);
        requireDivides("magnitude", out, in);
        long groups = out * in / group;
        Tensor runs = weight.reshape(groups, group);
        Tensor largest = tensors.topK(runs.map(UnaryOp.ABS), kept).indices().cast(DType.F32);
        Tensor positions = tensors.topK(largest.mul(-1f), kept).values().mul(-1f);
        Tensor values = oneHot(tensors, positions).mul(runs.reshape(groups, 1, group)).reduce(ReduceOp.SUM, false, 2);
        Map<String, Tensor> stored = new LinkedHashMap<>(
                BitPlanes.pack(tensors, "indices", positions, indexBits()));
        stored.put("values", values.cast(DType.F16));
        return new OperatorPayload(stored, Map.of());
    }

    @Override
    public Tensor decode(Tensors tensors, long outFeatures, long inFeatures, PayloadReader payload) {
        requireDivides("magnitude", outFeatures, inFeatures);
        long groups = outFeatures * inFeatures / group;
        Shape shape = Shape.of(groups, kept);
        Tensor values = payload.tensor("values", DType.F16, shape).cast(DType.F32);
        Tensor positions = BitPlanes.unpack(tensors, payload, "indices", indexBits(), shape);
        if (positions.reduce(ReduceOp.MAX, false).item() >= group || kept > 1 && positions.slice(1, 1, kept)
                .sub(positions.slice(1, 0, kept - 1)).reduce(ReduceOp.MIN, false).item() <= 0) {
            throw new PressoException("magnitude: payload tensor 'indices' holds positions that are not ascending"
                    + " within their group or not below " + group + "; expected " + kept + " distinct ascending"
                    + " positions per group of " + group);
        }
        return oneHot(tensors, positions).mul(values.reshape(groups, kept, 1)).reduce(ReduceOp.SUM, false, 1)
                .reshape(outFeatures, inFeatures);
    }

    /** Returns {@code [G, N, M]} with 1 where the position {@code [g, n]} is the column {@code m}. */
    private Tensor oneHot(Tensors tensors, Tensor positions) {
        long groups = positions.shape().dim(0);
        Tensor columns = RowIndexing.range(tensors, group).reshape(1, 1, group);
        return positions.reshape(groups, kept, 1).zip(BinaryOp.EQUAL, columns);
    }
}
