package dev.presso.host.internal.model.llama;

import dev.presso.host.internal.model.KvCache;
import dev.presso.host.internal.model.LinearLayer;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** One pre-norm decoder layer: {@code x + attn(norm(x))}, then {@code x + mlp(norm(x))}. */
final class LlamaDecoderLayer {
    private final int index;
    private final Tensor inputNorm;
    private final LlamaAttention attention;
    private final Tensor postAttentionNorm;
    private final LlamaMlp mlp;
    private final float eps;

    LlamaDecoderLayer(LlamaConfig config, LlamaWeights weights, int index, Tensors tensors) {
        String prefix = LlamaParameters.layer(index);
        this.index = index;
        this.inputNorm = weights.get(prefix + "input_layernorm.weight");
        this.attention = new LlamaAttention(config, weights, prefix + "self_attn.", tensors);
        this.postAttentionNorm = weights.get(prefix + "post_attention_layernorm.weight");
        this.mlp = new LlamaMlp(weights, prefix + "mlp.");
        this.eps = (float) config.rmsNormEps();
    }

    List<LinearLayer> linearLayers() {
        return Stream.concat(attention.linearLayers().stream(), mlp.linearLayers().stream()).toList();
    }

    Tensor forward(Tensor x, LayerInputs inputs, @Nullable KvCache cache) {
        Tensor h = x.add(attention.forward(x.rmsNorm(inputNorm, eps), inputs, cache, index));
        return h.add(mlp.forward(h.rmsNorm(postAttentionNorm, eps)));
    }
}
