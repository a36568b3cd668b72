package dev.presso.kernel.tensor;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A region in which operations are not recorded for differentiation; closing it restores the
 * previous mode on the opening thread.
 *
 * <pre>{@code
 * try (GradMode off = tensors.noGrad()) {
 *     Tensor logits = model.forward(tokens);   // no graph is kept
 * }
 * }</pre>
 *
 * @since 1.0
 */
@ProviderType
public interface GradMode extends AutoCloseable {
    /** Restores the gradient mode that was in force before this region opened. */
    @Override
    void close();
}
