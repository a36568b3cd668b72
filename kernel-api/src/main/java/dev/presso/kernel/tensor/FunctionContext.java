package dev.presso.kernel.tensor;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a {@link CustomFunction} keeps between its forward and backward passes.
 *
 * @since 1.0
 */
@ProviderType
public interface FunctionContext {
    /**
     * Keeps tensors for the backward pass; they are released after it.
     *
     * @param tensors tensors computed or received in the forward pass
     */
    void save(Tensor... tensors);

    /**
     * Returns the tensors kept by {@link #save(Tensor...)}, in order.
     *
     * @return the saved tensors
     */
    List<Tensor> saved();

    /**
     * Returns the tensor factory, for creating intermediate tensors.
     *
     * @return the factory of the backend this function runs on
     */
    Tensors tensors();
}
