package dev.presso.host.internal.calibration;

/**
 * When sequential calibration compresses the linear layers inside one decoder layer.
 *
 * <p>Both orders compress a decoder layer completely before the next one runs on its outputs;
 * they differ in what the later layers of the same decoder layer see.
 */
public enum BlockOrder {
    /**
     * Capture every linear layer of the decoder layer in one pass, then compress them all (in
     * execution order), then run the compressed decoder layer to produce the next one's inputs:
     * steps 3a to 3c of methods.md §1.1, the EvoPress and GPTQ default.
     */
    WHOLE_BLOCK,
    /**
     * GPTQ's and AutoGPTQ's "true sequential": the linear layers are grouped by shared input
     * ({@code q,k,v}, then {@code o}, then {@code gate,up}, then {@code down} for LLaMA), and each
     * group is captured with every earlier group of the decoder layer already compressed, so
     * {@code o_proj} sees the outputs of the compressed {@code q,k,v}. Costs one pass of the
     * decoder layer per group.
     */
    TRUE_SEQUENTIAL
}
