package dev.presso.plugins.baselines.internal;

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
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.util.List;

/**
 * What the baselines share: the level check, and compression as encode-then-decode so that the
 * operator {@link #compress} returns and the one {@link #restore} rebuilds from its payload are
 * decoded by the same code from the same tensors, hence compute identical outputs.
 *
 * <p>Both run without gradient recording in a tensor scope of their own; only the payload's and
 * the decoded form's tensors survive, owned by the caller's current scope.
 */
public abstract class BaselineMethod implements CompressionMethod {
    private final String id;
    private final List<Level> levels;

    /**
     * Creates the method.
     *
     * @param id the method's id
     * @param levels its levels, least compressed first
     */
    protected BaselineMethod(String id, List<Level> levels) {
        this.id = id;
        this.levels = List.copyOf(levels);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final List<Level> levels() {
        return levels;
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

    private void require(Level level) {
        if (!offers(level)) {
            Levels.require(id, levels, level);
        }
    }

    @Override
    public final long costBits(long outFeatures, long inFeatures, Level level) {
        require(level);
        if (outFeatures < 1 || inFeatures < 1) {
            throw new PressoException(id + ": a layer of " + outFeatures + " x " + inFeatures
                    + " features has nothing to compress; expected at least 1 x 1");
        }
        return cost(outFeatures, inFeatures, level);
    }

    @Override
    public final LinearOperator compress(LinearSite site, Level level, Calibration calibration,
            PluginContext context) {
        require(level);
        context.cancellation().throwIfCancelled();
        Tensor weight = site.weight();
        if (weight.shape().rank() != 2 || weight.dtype() != DType.F32) {
            throw new PressoException(id + ": layer " + site.name() + " has a " + weight.dtype() + " weight "
                    + weight.shape() + "; expected an F32 matrix [out, in]");
        }
        long out = weight.shape().dim(0);
        long in = weight.shape().dim(1);
        long expectedBits = costBits(out, in, level);
        Tensors tensors = context.tensors();
        try (GradMode _ = tensors.noGrad(); TensorScope scope = tensors.scope()) {
            OperatorPayload payload = encode(site.name(), weight, level, calibration, tensors);
            PayloadOperator operator = decode(out, in, payload, tensors);
            if (operator.storageBits() != expectedBits) {
                throw new IllegalStateException(id + " stored " + operator.storageBits() + " bits for " + site.name()
                        + " at " + level.name() + " but its cost model says " + expectedBits);
            }
            payload.tensors().values().forEach(scope::keep);
            operator.form().tensors().forEach(scope::keep);
            return operator;
        }
    }

    @Override
    public final LinearOperator restore(long outFeatures, long inFeatures, OperatorPayload payload,
            PluginContext context) {
        Tensors tensors = context.tensors();
        try (GradMode _ = tensors.noGrad(); TensorScope scope = tensors.scope()) {
            PayloadOperator operator = decode(outFeatures, inFeatures, payload, tensors);
            operator.form().tensors().forEach(scope::keep);
            return operator;
        }
    }

    private PayloadOperator decode(long out, long in, OperatorPayload payload, Tensors tensors) {
        PayloadReader reader = new PayloadReader(id, payload);
        ComputeForm form = decode(out, in, reader, tensors);
        reader.requireNoOthers();
        return new PayloadOperator(id, out, in, payload, form);
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
     * Compresses a weight into a payload.
     *
     * @param site the layer's name, for messages
     * @param weight the F32 weight {@code [out, in]}
     * @param level a level of {@link #levels()}
     * @param calibration the layer's input statistics
     * @param tensors the front end
     * @return the payload
     */
    protected abstract OperatorPayload encode(String site, Tensor weight, Level level, Calibration calibration,
            Tensors tensors);

    /**
     * Decodes a payload into the form that computes, reading it through the checks of the reader.
     *
     * @param outFeatures the output width
     * @param inFeatures the input width
     * @param payload the payload
     * @param tensors the front end
     * @return the form
     */
    protected abstract ComputeForm decode(long outFeatures, long inFeatures, PayloadReader payload, Tensors tensors);
}
