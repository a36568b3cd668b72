package dev.presso.host.internal.model.llama;

import dev.presso.host.internal.model.KvCache;
import dev.presso.host.internal.model.LinearLayer;
import dev.presso.kernel.tensor.Tensor;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Grouped-query causal self-attention with rotary embeddings, as Hugging Face's
 * {@code LlamaAttention}: query head {@code h} uses key/value head {@code h / (H / KV)}.
 *
 * <p>The query heads sharing a key/value head are stacked along the sequence axis,
 * {@code [B, KV, (H/KV) * T, D]}, so one batched product per group scores them all without copying
 * the keys and values {@code H/KV} times.
 */
final class LlamaAttention {
    private final LinearLayer query;
    private final LinearLayer key;
    private final LinearLayer value;
    private final LinearLayer output;
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final float scale;

    LlamaAttention(LlamaConfig config, LlamaWeights weights, String prefix) {
        this.query = LlamaModel.linear(weights, prefix + "q_proj");
        this.key = LlamaModel.linear(weights, prefix + "k_proj");
        this.value = LlamaModel.linear(weights, prefix + "v_proj");
        this.output = LlamaModel.linear(weights, prefix + "o_proj");
        this.heads = config.heads();
        this.kvHeads = config.kvHeads();
        this.headDim = config.headDim();
        this.scale = (float) (1.0 / Math.sqrt(headDim));
    }

    List<LinearLayer> linearLayers() {
        return List.of(query, key, value, output);
    }

    /**
     * Attends over the new positions and, with a cache, the cached ones before them.
     *
     * @param x the normalized hidden states {@code [B, T, hidden]}
     * @param rope the rotary tables of the new positions
     * @param mask the additive mask {@code [T, S]}, absent when nothing is masked
     * @param cache the key/value cache and this layer's index in it, or null
     * @param layer this layer's index
     * @return {@code [B, T, hidden]}
     */
    Tensor forward(Tensor x, RotaryEmbedding.Tables rope, Optional<Tensor> mask, @Nullable KvCache cache, int layer) {
        long batch = x.shape().dim(0);
        long length = x.shape().dim(1);
        int group = heads / kvHeads;
        Tensor q = query.apply(x).reshape(batch, length, heads, headDim).rope(rope.cos(), rope.sin())
                .permute(0, 2, 1, 3).reshape(batch, kvHeads, group * length, headDim);
        Tensor k = key.apply(x).reshape(batch, length, kvHeads, headDim).rope(rope.cos(), rope.sin())
                .permute(0, 2, 1, 3);
        Tensor v = value.apply(x).reshape(batch, length, kvHeads, headDim).permute(0, 2, 1, 3);
        if (cache != null) {
            KvCache.Entries all = cache.append(layer, k, v);
            k = all.keys();
            v = all.values();
        }
        long keys = k.shape().dim(2);
        Tensor scores = q.matmul(k, false, true).mul(scale).reshape(batch, kvHeads, group, length, keys);
        if (mask.isPresent()) {
            scores = scores.add(mask.get());
        }
        Tensor probabilities = scores.softmax().reshape(batch, kvHeads, group * length, keys);
        Tensor context = probabilities.matmul(v).reshape(batch, heads, length, headDim).permute(0, 2, 1, 3)
                .reshape(batch, length, (long) heads * headDim);
        return output.apply(context);
    }
}
