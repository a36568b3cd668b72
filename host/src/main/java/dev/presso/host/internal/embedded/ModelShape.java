package dev.presso.host.internal.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The size of the embedded LLaMA; the vocabulary comes from the corpus. Embeddings are tied, as in
 * small LLaMA checkpoints such as stories260K.
 *
 * @param hiddenSize the residual width
 * @param intermediateSize the gated MLP's inner width
 * @param layers the number of decoder layers
 * @param heads the number of query heads, dividing {@code hiddenSize} into even head widths
 * @param kvHeads the number of key/value heads, dividing {@code heads}
 * @param maxPositions the context length
 */
record ModelShape(int hiddenSize, int intermediateSize, int layers, int heads, int kvHeads, int maxPositions) {
    /** The RMSNorm stabilizer. */
    static final double RMS_NORM_EPS = 1e-5;
    /** The RoPE base. */
    static final double ROPE_THETA = 10000.0;

    /** Checks the sizes. */
    ModelShape {
        if (hiddenSize < 2 || intermediateSize < 1 || layers < 1 || heads < 1 || kvHeads < 1 || maxPositions < 2) {
            throw new IllegalArgumentException("every size must be positive, got " + hiddenSize + ", "
                    + intermediateSize + ", " + layers + ", " + heads + ", " + kvHeads + ", " + maxPositions);
        }
        if (hiddenSize % heads != 0 || (hiddenSize / heads) % 2 != 0 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must divide hidden_size (" + hiddenSize
                    + ") into even widths, and key/value heads (" + kvHeads + ") must divide heads");
        }
    }

    /**
     * Returns the Hugging Face {@code config.json} of this shape.
     *
     * @param vocabularySize the tokenizer's vocabulary size
     * @return the configuration object
     */
    ObjectNode config(int vocabularySize) {
        ObjectNode config = DurableFiles.json().createObjectNode();
        config.putArray("architectures").add("LlamaForCausalLM");
        config.put("model_type", "llama");
        config.put("hidden_size", hiddenSize);
        config.put("intermediate_size", intermediateSize);
        config.put("num_hidden_layers", layers);
        config.put("num_attention_heads", heads);
        config.put("num_key_value_heads", kvHeads);
        config.put("head_dim", hiddenSize / heads);
        config.put("vocab_size", vocabularySize);
        config.put("max_position_embeddings", maxPositions);
        config.put("hidden_act", "silu");
        config.put("rms_norm_eps", RMS_NORM_EPS);
        config.put("rope_theta", ROPE_THETA);
        config.put("tie_word_embeddings", true);
        config.put("attention_bias", false);
        config.put("mlp_bias", false);
        config.put("bos_token_id", WordVocabulary.BEGIN_ID);
        config.put("eos_token_id", WordVocabulary.END_ID);
        config.put("initializer_range", InitialWeights.STD);
        config.put("torch_dtype", "float32");
        return config;
    }

    /** Describes the shape for the recipe's hash and report. @return a JSON object */
    ObjectNode toJson() {
        return DurableFiles.json().createObjectNode().put("hidden_size", hiddenSize)
                .put("intermediate_size", intermediateSize).put("layers", layers).put("heads", heads)
                .put("kv_heads", kvHeads).put("max_positions", maxPositions);
    }
}
