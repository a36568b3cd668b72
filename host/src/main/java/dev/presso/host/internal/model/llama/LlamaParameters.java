package dev.presso.host.internal.model.llama;

import dev.presso.kernel.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checkpoint tensors a LLaMA-family configuration implies, with Hugging Face's names and shapes,
 * in execution order.
 */
public final class LlamaParameters {
    /** The embedding matrix {@code [V, D]}. */
    public static final String EMBEDDING = "model.embed_tokens.weight";
    /** The final RMSNorm gain {@code [D]}. */
    public static final String FINAL_NORM = "model.norm.weight";
    /** The output head's name as a linear layer. */
    public static final String LM_HEAD = "lm_head";

    /** Buffers some older checkpoints carry and Hugging Face ignores when loading. */
    private static final Pattern IGNORED = Pattern.compile("model\\.layers\\.\\d+\\.self_attn\\.rotary_emb\\.inv_freq");

    private LlamaParameters() {}

    /**
     * One tensor the model needs.
     *
     * @param name the checkpoint name
     * @param shape the shape the configuration implies
     * @param reason which configuration fields give that shape, for messages
     */
    public record Spec(String name, Shape shape, String reason) {}

    /**
     * Returns the prefix of a decoder layer's names.
     *
     * @param layer the layer index
     * @return {@code model.layers.<layer>.}
     */
    public static String layer(int layer) {
        return "model.layers." + layer + ".";
    }

    /**
     * Lists every tensor the configuration implies; with tied embeddings there is no
     * {@code lm_head.weight}.
     *
     * @param c the configuration
     * @return the tensors in execution order
     */
    public static List<Spec> of(LlamaConfig c) {
        List<Spec> specs = new ArrayList<>();
        long d = c.hiddenSize();
        long q = (long) c.heads() * c.headDim();
        long kv = (long) c.kvHeads() * c.headDim();
        long ff = c.intermediateSize();
        String qWhy = "num_attention_heads x head_dim";
        String kvWhy = "num_key_value_heads x head_dim";
        specs.add(new Spec(EMBEDDING, Shape.of(c.vocabularySize(), d), "vocab_size x hidden_size"));
        for (int i = 0; i < c.layers(); i++) {
            String p = layer(i);
            specs.add(new Spec(p + "input_layernorm.weight", Shape.of(d), "hidden_size"));
            linear(specs, p + "self_attn.q_proj", q, d, qWhy + ", hidden_size", c.attentionBias());
            linear(specs, p + "self_attn.k_proj", kv, d, kvWhy + ", hidden_size", c.attentionBias());
            linear(specs, p + "self_attn.v_proj", kv, d, kvWhy + ", hidden_size", c.attentionBias());
            linear(specs, p + "self_attn.o_proj", d, q, "hidden_size, " + qWhy, c.outputBias());
            specs.add(new Spec(p + "post_attention_layernorm.weight", Shape.of(d), "hidden_size"));
            linear(specs, p + "mlp.gate_proj", ff, d, "intermediate_size, hidden_size", c.mlpBias());
            linear(specs, p + "mlp.up_proj", ff, d, "intermediate_size, hidden_size", c.mlpBias());
            linear(specs, p + "mlp.down_proj", d, ff, "hidden_size, intermediate_size", c.mlpBias());
        }
        specs.add(new Spec(FINAL_NORM, Shape.of(d), "hidden_size"));
        if (!c.tieWordEmbeddings()) {
            specs.add(new Spec(LM_HEAD + ".weight", Shape.of(c.vocabularySize(), d), "vocab_size x hidden_size"));
        }
        return List.copyOf(specs);
    }

    /**
     * Returns the spec of a tensor the checkpoint may hold though the model does not need it:
     * {@code lm_head.weight} when embeddings are tied (checked, then ignored).
     *
     * @param c the configuration
     * @return the optional tensors
     */
    public static List<Spec> optional(LlamaConfig c) {
        return c.tieWordEmbeddings()
                ? List.of(new Spec(LM_HEAD + ".weight", Shape.of(c.vocabularySize(), c.hiddenSize()),
                        "vocab_size x hidden_size; tied to " + EMBEDDING))
                : List.of();
    }

    /**
     * Returns whether a checkpoint tensor is a buffer Hugging Face ignores on load.
     *
     * @param name the tensor name
     * @return whether to skip it
     */
    public static boolean isIgnored(String name) {
        return IGNORED.matcher(name).matches();
    }

    private static void linear(List<Spec> specs, String name, long out, long in, String why, boolean bias) {
        specs.add(new Spec(name + ".weight", Shape.of(out, in), why));
        if (bias) {
            specs.add(new Spec(name + ".bias", Shape.of(out), why.substring(0, why.indexOf(','))
                    + ", as the configuration has biases"));
        }
    }
}
