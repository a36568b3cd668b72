package dev.presso.kernel.model;

import dev.presso.kernel.tensor.Tensor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One replaceable linear layer of a model, such as {@code model.layers.3.mlp.down_proj}.
 *
 * @since 1.0
 */
@ProviderType
public interface LinearSite {
    /**
     * Returns the layer's name in the checkpoint, without the {@code .weight} suffix.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the original dense weight {@code [out, in]}.
     *
     * @return the weight, owned by the model
     */
    Tensor weight();

    /**
     * Returns the operator the model currently applies here.
     *
     * @return the operator, dense until replaced
     */
    LinearOperator operator();

    /**
     * Swaps the operator the model applies here.
     *
     * @param operator an operator with the same input and output widths
     */
    void replace(LinearOperator operator);
}
