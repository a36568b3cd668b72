package dev.presso.host.internal.model.llama;

import java.util.List;
import java.util.OptionalInt;

/**
 * A LLaMA-family model's shape and numerics, from its {@code config.json}; validated by
 * {@link LlamaConfigReader}.
 *
 * @param architecture the Hugging Face class, such as {@code LlamaForCausalLM}
 * @param hiddenSize the residual width
 * @param intermediateSize the MLP's inner width
 * @param layers the number of decoder layers
 * @param heads the number of query heads
 * @param kvHeads the number of key/value heads, dividing {@code heads}
 * @param headDim the width of one head, even
 * @param vocabularySize the number of token ids
 * @param rmsNormEps the RMSNorm stabilizer
 * @param ropeTheta the RoPE base
 * @param ropeScaling how RoPE is stretched
 * @param maxPositionEmbeddings the training context length
 * @param tieWordEmbeddings whether the output head reuses the embedding matrix
 * @param attentionBias whether the query, key and value projections have biases
 * @param outputBias whether the attention output projection has a bias
 * @param mlpBias whether the MLP projections have biases
 * @param slidingWindow how many positions a query sees (itself included), or 0 for all
 * @param bosTokenId the beginning-of-sequence id, if configured
 * @param eosTokenIds the end-of-sequence ids, possibly none
 */
public record LlamaConfig(String architecture, int hiddenSize, int intermediateSize, int layers, int heads,
        int kvHeads, int headDim, int vocabularySize, double rmsNormEps, double ropeTheta, RopeScaling ropeScaling,
        int maxPositionEmbeddings, boolean tieWordEmbeddings, boolean attentionBias, boolean outputBias,
        boolean mlpBias, int slidingWindow, OptionalInt bosTokenId, List<Integer> eosTokenIds) {
    /** Copies the list. */
    public LlamaConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
    }

    /** Returns how many query heads share one key/value head. @return {@code heads / kvHeads} */
    public int queriesPerKeyValue() {
        return heads / kvHeads;
    }
}
