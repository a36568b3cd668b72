package dev.presso.host.internal.model.llama;

import dev.presso.host.internal.model.AttentionBuffers;
import dev.presso.host.internal.model.CausalMask;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What every decoder layer of one forward pass shares: the rotary tables of the new positions, the
 * scratch arrays of inference attention, and, built only when a layer records gradients, the
 * additive causal mask. Not thread-safe.
 */
final class LayerInputs {
    private final Tensors tensors;
    private final RotaryEmbedding.Tables rope;
    private final int length;
    private final int offset;
    private final int window;
    private final AttentionBuffers buffers;
    private @Nullable Optional<Tensor> mask;

    /**
     * Creates the inputs of a pass over {@code length} new positions after {@code offset} cached ones.
     *
     * @param tensors the front end
     * @param rope the rotary tables of the new positions, alive for the whole pass
     * @param length the number of new positions
     * @param offset the number of cached positions before them
     * @param window the sliding-window length, or 0 for none
     * @param buffers the scratch arrays, alive for the whole pass
     */
    LayerInputs(Tensors tensors, RotaryEmbedding.Tables rope, int length, int offset, int window,
            AttentionBuffers buffers) {
        this.tensors = tensors;
        this.rope = rope;
        this.length = length;
        this.offset = offset;
        this.window = window;
        this.buffers = buffers;
    }

    RotaryEmbedding.Tables rope() {
        return rope;
    }

    AttentionBuffers buffers() {
        return buffers;
    }

    /**
     * Returns the additive mask {@code [T, S]} as a tensor of the current scope, rebuilt when the
     * scope that owned the previous one has closed it.
     */
    Optional<Tensor> mask() {
        if (mask == null || mask.map(Tensor::isClosed).orElse(false)) {
            mask = CausalMask.additive(tensors, length, offset, window);
        }
        return mask;
    }
}
