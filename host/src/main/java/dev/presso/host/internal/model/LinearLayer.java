package dev.presso.host.internal.model;

import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A model's {@code nn.Linear}: a named site whose operator starts dense over the checkpoint weight
 * and can be replaced, plus an optional bias that stays when the operator is replaced.
 *
 * <p>Replacing is thread-safe; a forward pass uses the operator current when it reaches the layer.
 */
public final class LinearLayer implements LinearSite {
    private final String name;
    private final Tensor weight;
    private final @Nullable Tensor bias;
    private volatile LinearOperator operator;

    /**
     * Creates a layer applying its weight densely.
     *
     * @param name the checkpoint name without {@code .weight}, such as {@code model.layers.0.mlp.up_proj}
     * @param weight the F32 weight {@code [out, in]}, owned by the model
     * @param bias the F32 bias {@code [out]}, if the layer has one
     */
    public LinearLayer(String name, Tensor weight, @Nullable Tensor bias) {
        this.name = name;
        this.weight = weight;
        this.bias = bias;
        this.operator = new DenseLinearOperator(weight);
        if (bias != null && !bias.shape().equals(Shape.of(operator.outFeatures()))) {
            throw new TensorException("LinearLayer", name + ": bias " + bias.shape() + " does not match weight "
                    + weight.shape() + "; expected [" + operator.outFeatures() + "]");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Tensor weight() {
        return weight;
    }

    /** Returns the bias. @return the {@code [out]} bias, empty when the layer has none */
    public Optional<Tensor> bias() {
        return Optional.ofNullable(bias);
    }

    @Override
    public LinearOperator operator() {
        return operator;
    }

    @Override
    public void replace(LinearOperator replacement) {
        LinearOperator current = operator;
        if (replacement.inFeatures() != current.inFeatures() || replacement.outFeatures() != current.outFeatures()) {
            throw new TensorException("replace", name + " maps " + current.inFeatures() + " -> "
                    + current.outFeatures() + " features, but the new operator " + replacement + " maps "
                    + replacement.inFeatures() + " -> " + replacement.outFeatures()
                    + "; expected the same widths");
        }
        operator = replacement;
    }

    /**
     * Applies the current operator and the bias.
     *
     * @param input activations {@code [..., in]}
     * @return {@code [..., out]}
     */
    public Tensor apply(Tensor input) {
        Tensor out = operator.apply(input);
        return bias == null ? out : out.add(bias);
    }

    @Override
    public String toString() {
        return "LinearLayer[" + name + ", " + operator + (bias == null ? "" : ", with bias") + "]";
    }
}
