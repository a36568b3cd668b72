package dev.presso.kernel.model;

import dev.presso.kernel.tensor.Tensor;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A decoder-only language model: token ids in, next-token logits out.
 *
 * @since 1.0
 */
@ProviderType
public interface CausalLM {
    /**
     * Returns the architecture name from the model's configuration, such as
     * {@code LlamaForCausalLM}.
     *
     * @return the architecture
     */
    String architecture();

    /**
     * Returns the vocabulary size.
     *
     * @return the number of logits per position
     */
    int vocabularySize();

    /**
     * Runs the model teacher-forced over whole sequences.
     *
     * @param tokens I32 ids {@code [B, T]}
     * @return logits {@code [B, T, V]}
     */
    Tensor forward(Tensor tokens);

    /**
     * Returns every replaceable linear layer, in execution order.
     *
     * @return the sites, never empty
     */
    List<LinearSite> linearSites();
}
