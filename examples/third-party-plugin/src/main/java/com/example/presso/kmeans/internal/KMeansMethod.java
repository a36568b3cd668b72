package com.example.presso.kmeans.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.Calibration;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.util.List;

/**
 * Per-group k-means weight clustering. Compression clusters the weight on the heap, writes the
 * payload, and decodes the operator from that payload with the same code as {@link #restore}, so a
 * restored operator computes exactly what the original did. Calibration is not used.
 */
public final class KMeansMethod implements CompressionMethod {
    /** The method's id. */
    public static final String ID = "kmeans";
    private static final List<Level> LEVELS = List.of(new Level("4bit", 4), new Level("2bit", 2),
            new Level("1bit", 1));

    private final int groupSize;
    private final int iterations;

    /**
     * Creates the method.
     *
     * @param groupSize columns per group, 0 for whole rows
     * @param iterations the most Lloyd iterations per group
     */
    public KMeansMethod(int groupSize, int iterations) {
        this.groupSize = groupSize;
        this.iterations = iterations;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Level> levels() {
        return LEVELS;
    }

    @Override
    public long costBits(long outFeatures, long inFeatures, Level level) {
        int bits = bits(level);
        if (outFeatures < 1 || inFeatures < 1) {
            throw new PressoException(ID + ": a layer of " + outFeatures + " x " + inFeatures
                    + " features has nothing to compress; expected at least 1 x 1");
        }
        long groups = new Grouping(inFeatures, groupSize).count();
        return Math.addExact(Math.multiplyExact(bits, Math.multiplyExact(outFeatures, inFeatures)),
                Math.multiplyExact(Math.multiplyExact(outFeatures, groups), (1L << bits) * 16));
    }

    @Override
    public LinearOperator compress(LinearSite site, Level level, Calibration calibration, PluginContext context) {
        int bits = bits(level);
        context.cancellation().throwIfCancelled();
        Tensor weight = site.weight();
        if (weight.shape().rank() != 2 || weight.dtype() != DType.F32) {
            throw new PressoException(ID + ": layer " + site.name() + " has a " + weight.dtype() + " weight "
                    + weight.shape() + "; expected an F32 matrix [out, in]");
        }
        long out = weight.shape().dim(0);
        long in = weight.shape().dim(1);
        ClusteredLayer layer = ClusteredLayer.cluster(weight.toFloatArray(), Math.toIntExact(out),
                new Grouping(in, groupSize), bits, iterations, context);
        Tensors tensors = context.tensors();
        try (GradMode _ = tensors.noGrad(); TensorScope scope = tensors.scope()) {
            OperatorPayload payload = PayloadFormat.write(layer, tensors);
            ClusteredOperator operator = decode(out, in, payload, tensors);
            if (operator.storageBits() != costBits(out, in, level)) {
                throw new IllegalStateException(ID + " stored " + operator.storageBits() + " bits for " + site.name()
                        + " but its cost model says " + costBits(out, in, level));
            }
            payload.tensors().values().forEach(scope::keep);
            scope.keep(operator.weight());
            return operator;
        }
    }

    @Override
    public LinearOperator restore(long outFeatures, long inFeatures, OperatorPayload payload, PluginContext context) {
        Tensors tensors = context.tensors();
        try (GradMode _ = tensors.noGrad(); TensorScope scope = tensors.scope()) {
            ClusteredOperator operator = decode(outFeatures, inFeatures, payload, tensors);
            scope.keep(operator.weight());
            return operator;
        }
    }

    private static ClusteredOperator decode(long out, long in, OperatorPayload payload, Tensors tensors) {
        ClusteredLayer layer = PayloadFormat.read(out, in, payload, tensors);
        Tensor weight = tensors.of(layer.dense(), Shape.of(out, in));
        return new ClusteredOperator(out, in, payload, weight);
    }

    private static int bits(Level level) {
        if (!LEVELS.contains(level)) {
            throw new PressoException(ID + ": level " + level.name() + " (" + level.value() + ") is not one of this"
                    + " method's levels; expected one of " + LEVELS.stream().map(Level::name).toList());
        }
        return (int) level.value();
    }
}
