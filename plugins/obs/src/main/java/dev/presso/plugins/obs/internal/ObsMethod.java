package dev.presso.plugins.obs.internal;

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
import java.util.stream.Collectors;

/**
 * What GPTQ and SparseGPT share: the level check, the conditioned Hessian factor, and compression
 * as sweep, encode, then decode, so that the operator {@link #compress} returns and the one
 * {@link #restore} rebuilds from its payload are decoded by the same code and compute identical
 * outputs. The sweep runs on the heap in double precision.
 */
public abstract class ObsMethod implements CompressionMethod {
    private final String id;
    private final List<Level> levels;
    private final double damp;

    /**
     * Creates the method.
     *
     * @param id the method's id
     * @param levels its levels, least compressed first
     * @param damp the relative Hessian damping
     */
    protected ObsMethod(String id, List<Level> levels, double damp) {
        this.id = id;
        this.levels = List.copyOf(levels);
        this.damp = damp;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final List<Level> levels() {
        return levels;
    }

    @Override
    public final long costBits(long outFeatures, long inFeatures, Level level) {
        requireLevel(level);
        if (outFeatures < 1 || inFeatures < 1) {
            throw new PressoException(id + ": a layer of " + outFeatures + " x " + inFeatures
                    + " features has nothing to compress; expected at least 1 x 1");
        }
        return cost(outFeatures, inFeatures, level);
    }

    @Override
    public final LinearOperator compress(LinearSite site, Level level, Calibration calibration,
            PluginContext context) {
        requireLevel(level);
        context.cancellation().throwIfCancelled();
        Tensor weight = site.weight();
        if (weight.shape().rank() != 2 || weight.dtype() != DType.F32) {
            throw new PressoException(id + ": layer " + site.name() + " has a " + weight.dtype() + " weight "
                    + weight.shape() + "; expected an F32 matrix [out, in]");
        }
        int out = Math.toIntExact(weight.shape().dim(0));
        int in = Math.toIntExact(weight.shape().dim(1));
        long expectedBits = costBits(out, in, level);
        Tensors tensors = context.tensors();
        try (GradMode _ = tensors.noGrad(); TensorScope scope = tensors.scope()) {
            double[][] weights = new double[out][in];
            float[] values = weight.toFloatArray();
            for (int r = 0; r < out; r++) {
                for (int c = 0; c < in; c++) {
                    weights[r][c] = values[r * in + c];
                }
            }
            double[][] factor = Hessian.inverseFactor(id, site.name(), calibration, weights, damp);
            OperatorPayload payload = encode(weights, factor, level, new PayloadTensors(id, tensors));
            ObsOperator operator = decode(out, in, payload, tensors);
            if (operator.storageBits() != expectedBits) {
                throw new IllegalStateException(id + " stored " + operator.storageBits() + " bits for " + site.name()
                        + " at " + level.name() + " but its cost model says " + expectedBits);
            }
            payload.tensors().values().forEach(scope::keep);
            scope.keep(operator.denseWeight());
            return operator;
        }
    }

    @Override
    public final LinearOperator restore(long outFeatures, long inFeatures, OperatorPayload payload,
            PluginContext context) {
        Tensors tensors = context.tensors();
        try (GradMode _ = tensors.noGrad(); TensorScope scope = tensors.scope()) {
            ObsOperator operator = decode(outFeatures, inFeatures, payload, tensors);
            scope.keep(operator.denseWeight());
            return operator;
        }
    }

    private ObsOperator decode(long out, long in, OperatorPayload payload, Tensors tensors) {
        float[] weight = decode(out, in, payload, new PayloadTensors(id, tensors));
        return new ObsOperator(id, payload, tensors.of(weight, Shape.of(out, in)));
    }

    /**
     * Returns whether this method can compress at a level: by default the levels it lists.
     *
     * @param level a level
     * @return whether {@link #compress} and {@link #costBits} accept it
     */
    protected boolean offers(Level level) {
        return levels.contains(level);
    }

    private void requireLevel(Level level) {
        if (!offers(level)) {
            throw new PressoException(id + ": level " + level.name() + " (" + level.value()
                    + ") is not one this method offers; expected one of "
                    + levels.stream().map(Level::name).collect(Collectors.joining(", ")));
        }
    }

    /**
     * Returns the exact storage cost of a layer at one of this method's levels.
     *
     * @param outFeatures the output width, at least 1
     * @param inFeatures the input width, at least 1
     * @param level a level of {@link #levels()}
     * @return the bits of the payload {@link #encode} writes for such a layer
     */
    protected abstract long cost(long outFeatures, long inFeatures, Level level);

    /**
     * Sweeps the weights with the method's column rule and stores the result.
     *
     * @param weights the weights {@code [out][in]}, dead columns zeroed; overwritten
     * @param factor the upper Cholesky factor of the damped {@code H^{-1}}
     * @param level a level of {@link #levels()}
     * @param payload the payload writer
     * @return the payload, tensors and attributes
     */
    protected abstract OperatorPayload encode(double[][] weights, double[][] factor, Level level,
            PayloadTensors payload);

    /**
     * Decodes a payload into the dense weight, checking its format.
     *
     * @param outFeatures the output width
     * @param inFeatures the input width
     * @param payload the payload
     * @param reader the payload reader
     * @return the F32 weight, row-major {@code [out, in]}
     */
    protected abstract float[] decode(long outFeatures, long inFeatures, OperatorPayload payload,
            PayloadTensors reader);
}
