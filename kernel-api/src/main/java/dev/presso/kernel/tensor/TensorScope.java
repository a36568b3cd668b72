package dev.presso.kernel.tensor;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A region that releases every tensor created inside it, on the opening thread, when it closes;
 * tensors to keep are handed to the enclosing scope with {@link #keep(Tensor)}.
 *
 * <p>Scopes nest: closing a scope releases what it owns and not what outer scopes own. Tensors
 * created outside any scope belong to no scope and are closed by their creator.
 *
 * @since 1.0
 */
@ProviderType
public interface TensorScope extends AutoCloseable {
    /**
     * Moves a tensor out of this scope so that it survives the scope's close.
     *
     * @param tensor a tensor created in this scope
     * @param <T> the tensor type
     * @return the same tensor, now owned by the enclosing scope (or by the caller)
     */
    <T extends Tensor> T keep(T tensor);

    /** Releases every tensor still owned by this scope. */
    @Override
    void close();
}
