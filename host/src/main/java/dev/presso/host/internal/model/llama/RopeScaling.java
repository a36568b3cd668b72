package dev.presso.host.internal.model.llama;

/**
 * How a model stretches rotary position embeddings beyond its training length, as Hugging Face's
 * {@code rope_scaling} (or {@code rope_parameters}) says.
 */
public sealed interface RopeScaling {
    /** Plain RoPE: {@code inv_freq[i] = theta^(-2i/D)}. */
    record None() implements RopeScaling {}

    /**
     * Position interpolation: every frequency divided by {@code factor}.
     *
     * @param factor the stretch, positive
     */
    record Linear(double factor) implements RopeScaling {}

    /**
     * Dynamic NTK scaling: past {@code max_position_embeddings}, theta grows with the sequence length
     * {@code L} to {@code theta * (factor * L / max - (factor - 1))^(D / (D - 2))}.
     *
     * @param factor the stretch, positive
     */
    record Dynamic(double factor) implements RopeScaling {}

    /**
     * Llama 3.1's frequency-dependent scaling: long wavelengths divided by {@code factor}, short
     * ones kept, the band between interpolated smoothly.
     *
     * @param factor the stretch of long wavelengths
     * @param lowFreqFactor defines the long-wavelength threshold {@code original / lowFreqFactor}
     * @param highFreqFactor defines the short-wavelength threshold {@code original / highFreqFactor}
     * @param originalMaxPositionEmbeddings the training context length
     */
    record Llama3(double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositionEmbeddings)
            implements RopeScaling {}
}
