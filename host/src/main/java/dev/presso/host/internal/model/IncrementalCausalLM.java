package dev.presso.host.internal.model;

import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.tensor.Tensor;

/** A causal language model that can also decode incrementally, reusing a {@link KvCache}. */
public interface IncrementalCausalLM extends CausalLM {
    /**
     * Creates an empty cache for this model.
     *
     * @param batch the number of sequences decoded together
     * @param capacity the number of positions to reserve; grown as needed
     * @return the cache, owned by the caller
     */
    KvCache newCache(long batch, long capacity);

    /**
     * Runs the model over new tokens that follow the cached positions, and caches them.
     *
     * @param tokens I32 ids {@code [B, T]}, at positions {@code cache.length() ..}
     * @param cache this model's cache, advanced by {@code T}
     * @return logits {@code [B, T, V]}
     */
    Tensor forward(Tensor tokens, KvCache cache);
}
