package dev.presso.host.internal.model.llama;

import dev.presso.host.internal.model.CausalAttention;
import dev.presso.host.internal.model.KvCache;
import dev.presso.host.internal.model.LinearLayer;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Grouped-query causal self-attention with rotary embeddings, as Hugging Face's
 * {@code LlamaAttention}: query head {@code h} uses key/value head {@code h / (H / KV)}.
 *
 * <p>The query heads sharing a key/value head are stacked position by position,
 * {@code [B, KV, T * (H/KV), D]}, so one batched product per group scores them all without copying
 * the keys and values {@code H/KV} times. When the queries, keys or values record gradients the
 * core is built from differentiable tensor operations; otherwise it is {@link CausalAttention}'s
 * kernel sequence, which computes the same function with less work and no intermediate tensors.
 */
final class LlamaAttention {
    private final Tensors tensors;
    private final LinearLayer query;
    private final LinearLayer key;
    private final LinearLayer value;
    private final LinearLayer output;
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final float scale;
    private final CausalAttention inference;

    LlamaAttention(LlamaConfig config, LlamaWeights weights, String prefix, Tensors tensors) {
        this.tensors = tensors;
        this.query = LlamaModel.linear(weights, prefix + "q_proj");
        this.key = LlamaModel.linear(weights, prefix + "k_proj");
        this.value = LlamaModel.linear(weights, prefix + "v_proj");
        this.output = LlamaModel.linear(weights, prefix + "o_proj");
        this.heads = config.heads();
        this.kvHeads = config.kvHeads();
        this.headDim = config.headDim();
        this.scale = (float) (1.0 / Math.sqrt(headDim));
        this.inference = new CausalAttention(heads, kvHeads, headDim, config.slidingWindow());
    }

    List<LinearLayer> linearLayers() {
        return List.of(query, key, value, output);
    }

    /**
     * Attends over the new positions and, with a cache, the cached ones before them.
     *
     * @param x the normalized hidden states {@code [B, T, hidden]}
     * @param inputs the pass's rotary tables, mask and scratch arrays
     * @param cache the key/value cache, or null
     * @param layer this layer's index
     * @return {@code [B, T, hidden]}
     */
    Tensor forward(Tensor x, LayerInputs inputs, @Nullable KvCache cache, int layer) {
        long batch = x.shape().dim(0);
        long length = x.shape().dim(1);
        int group = heads / kvHeads;
        RotaryEmbedding.Tables rope = inputs.rope();
        Tensor q = query.apply(x).reshape(batch, length, heads, headDim).rope(rope.cos(), rope.sin())
                .reshape(batch, length, kvHeads, group, headDim).permute(0, 2, 1, 3, 4)
                .reshape(batch, kvHeads, length * group, headDim);
        Tensor k = key.apply(x).reshape(batch, length, kvHeads, headDim).rope(rope.cos(), rope.sin());
        Tensor v = value.apply(x).reshape(batch, length, kvHeads, headDim);
        Tensor keysTransposed;
        Tensor values;
        if (cache != null) {
            KvCache.Entries all = cache.append(layer, k, v);
            keysTransposed = all.keysTransposed();
            values = all.values();
        } else {
            keysTransposed = k.permute(0, 2, 3, 1);
            values = v.permute(0, 2, 1, 3);
        }
        boolean records = q.requiresGrad() || keysTransposed.requiresGrad() || values.requiresGrad();
        Tensor context = records ? differentiable(q, keysTransposed, values, inputs.mask())
                : inference.attend(tensors, q, keysTransposed, values, inputs.buffers());
        return output.apply(context);
    }

    /** The core as recorded tensor operations, for gradients; see {@link CausalAttention#attend}. */
    private Tensor differentiable(Tensor q, Tensor keysTransposed, Tensor values, Optional<Tensor> mask) {
        long batch = q.shape().dim(0);
        long length = q.shape().dim(2) * kvHeads / heads;
        long positions = keysTransposed.shape().dim(3);
        int group = heads / kvHeads;
        Tensor scores = q.matmul(keysTransposed).mul(scale)
                .reshape(batch, kvHeads, length, group, positions);
        if (mask.isPresent()) {
            scores = scores.add(mask.get().reshape(length, 1, positions));
        }
        Tensor probabilities = scores.softmax().reshape(batch, kvHeads, length * group, positions);
        return probabilities.matmul(values).reshape(batch, kvHeads, length, group, headDim)
                .permute(0, 2, 1, 3, 4).reshape(batch, length, (long) heads * headDim);
    }
}
