package dev.presso.kernel.model;

import dev.presso.kernel.tensor.Tensor;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A compressed layer in the form it is saved: named tensors in their storage dtypes (packed codes,
 * half-precision scales, indices, factors) and text attributes (bits, group size, rank). The host
 * writes it into safetensors with the attributes in the manifest; the method that made it turns
 * it back into an operator with {@link dev.presso.kernel.method.CompressionMethod#restore}.
 *
 * @param tensors the stored tensors by name, in a stable (sorted) order
 * @param attributes the method's settings for this layer by name, in a stable (sorted) order
 * @since 1.0
 */
public record OperatorPayload(Map<String, Tensor> tensors, Map<String, String> attributes) {
    /**
     * Validates the components and copies them into sorted, unmodifiable maps.
     *
     * @param tensors the tensors
     * @param attributes the attributes
     */
    public OperatorPayload {
        Objects.requireNonNull(tensors, "tensors must not be null");
        Objects.requireNonNull(attributes, "attributes must not be null");
        tensors = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(tensors));
        attributes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    }
}
