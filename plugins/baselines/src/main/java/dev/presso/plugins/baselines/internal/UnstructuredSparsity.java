package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TopK;
import dev.presso.kernel.tensor.Tensors;
import dev.presso.kernel.tensor.UnaryOp;
import java.util.List;
import java.util.Map;

/**
 * Unstructured pruning per output row (as Wanda does, rather than one threshold per layer): every
 * row keeps its {@code keep = in - round(s * in)} largest-magnitude weights (half up), ties broken
 * toward the lower column, so every row has exactly the level's sparsity, whatever the scale of
 * its weights.
 *
 * <p>Payload: {@code values}, the kept weights in F16, row by row in column order,
 * {@code [out, keep]}; {@code mask}, one bit per original weight ({@link DType#I1} {@code [out, in]},
 * 1 = kept). Cost exactly {@code 16 * out * keep + out * in} bits.
 */
record UnstructuredSparsity() implements SparsityPattern {
    private static final List<Level> LEVELS = Levels.tenths("sparsity", 1, 2, 3, 4, 5, 6, 7, 8, 9);

    @Override
    public String text() {
        return UNSTRUCTURED;
    }

    @Override
    public List<Level> levels() {
        return LEVELS;
    }

    /** Returns the weights each row keeps at a level of tenths. */
    static long kept(long inFeatures, Level level) {
        return inFeatures - (Levels.tenthsOf(level) * inFeatures + 5) / 10;
    }

    @Override
    public long cost(String method, long outFeatures, long inFeatures, Level level) {
        return 16 * outFeatures * kept(inFeatures, level) + outFeatures * inFeatures;
    }

    @Override
    public OperatorPayload encode(Tensors tensors, Tensor weight, Level level) {
        long out = weight.shape().dim(0);
        long in = weight.shape().dim(1);
        long keep = kept(in, level);
        if (keep == 0) {
            Tensor nothing = tensors.zeros(DType.F16, Shape.of(out, 0));
            return payload(tensors, nothing, tensors.zeros(DType.F32, Shape.of(out, in)));
        }
        Tensor magnitude = weight.map(UnaryOp.ABS);
        TopK top = tensors.topK(magnitude, Math.toIntExact(keep));
        Tensor threshold = top.values().slice(1, keep - 1, keep);
        Tensor lastColumn = top.indices().cast(DType.F32).slice(1, keep - 1, keep);
        Tensor columns = RowIndexing.range(tensors, in);
        // Above the row's threshold, or equal to it and not after the last tie topK kept.
        Tensor mask = magnitude.zip(BinaryOp.GREATER, threshold).add(magnitude.zip(BinaryOp.EQUAL, threshold)
                .mul(columns.zip(BinaryOp.LESS, lastColumn.add(1f))));
        Tensor values = RowIndexing.gather(tensors, weight, RowIndexing.keptColumns(tensors, mask, keep));
        return payload(tensors, values.cast(DType.F16), mask);
    }

    private static OperatorPayload payload(Tensors tensors, Tensor values, Tensor mask) {
        return new OperatorPayload(Map.of("values", values, "mask", Kernels.pack(tensors, mask, DType.I1)), Map.of());
    }

    @Override
    public Tensor decode(Tensors tensors, long outFeatures, long inFeatures, PayloadReader payload) {
        long keep = payload.shapeOf("values", DType.F16, 2).dim(1);
        Tensor values = payload.tensor("values", DType.F16, Shape.of(outFeatures, keep)).cast(DType.F32);
        Tensor mask = Kernels.unpack(tensors, payload.tensor("mask", DType.I1, Shape.of(outFeatures, inFeatures)));
        Tensor perRow = mask.reduce(ReduceOp.SUM, false, 1);
        float fewest = perRow.reduce(ReduceOp.MIN, false).item();
        float most = perRow.reduce(ReduceOp.MAX, false).item();
        if (fewest != keep || most != keep) {
            throw new PressoException("magnitude: payload tensor 'mask' keeps " + (long) fewest + " to " + (long) most
                    + " weights per row; expected " + keep + " in every row, one per column of 'values'");
        }
        if (keep == 0) {
            return tensors.zeros(DType.F32, Shape.of(outFeatures, inFeatures));
        }
        return RowIndexing.scatter(tensors, values, RowIndexing.keptColumns(tensors, mask, keep), inFeatures);
    }
}
