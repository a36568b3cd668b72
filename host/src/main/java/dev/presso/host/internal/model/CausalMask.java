package dev.presso.host.internal.model;

import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import java.util.Arrays;
import java.util.Optional;

/**
 * Additive attention masks for causal decoding: 0 where a query may attend to a key, negative
 * infinity elsewhere, added to the scores before the softmax.
 */
public final class CausalMask {
    private CausalMask() {}

    /**
     * Builds the mask of {@code queries} new positions after {@code offset} cached ones: query
     * {@code i} (at position {@code offset + i}) sees key {@code j} when {@code j <= offset + i} and,
     * with a sliding window, {@code offset + i - j < window}.
     *
     * @param tensors where to create the mask
     * @param queries the number of new positions
     * @param offset the number of earlier positions
     * @param window the sliding-window length, or 0 for none
     * @return the mask {@code [queries, offset + queries]}, empty when it masks nothing
     */
    public static Optional<Tensor> additive(Tensors tensors, int queries, int offset, int window) {
        return values(queries, offset, window)
                .map(mask -> tensors.of(mask, Shape.of(queries, (long) offset + queries)));
    }

    /**
     * Returns the values of {@link #additive}, row-major {@code [queries, offset + queries]}.
     *
     * @param queries the number of new positions
     * @param offset the number of earlier positions
     * @param window the sliding-window length, or 0 for none
     * @return the mask's values, empty when it masks nothing
     */
    public static Optional<float[]> values(int queries, int offset, int window) {
        int keys = Math.addExact(offset, queries);
        float[] mask = new float[Math.multiplyExact(queries, keys)];
        boolean masksSomething = false;
        for (int i = 0; i < queries; i++) {
            int position = offset + i;
            int first = window > 0 ? Math.max(0, position - window + 1) : 0;
            Arrays.fill(mask, i * keys, i * keys + first, Float.NEGATIVE_INFINITY);
            Arrays.fill(mask, i * keys + position + 1, (i + 1) * keys, Float.NEGATIVE_INFINITY);
            masksSomething |= first > 0 || position + 1 < keys;
        }
        return masksSomething ? Optional.of(mask) : Optional.empty();
    }
}
