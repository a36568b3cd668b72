package dev.presso.kernel.model;

import dev.presso.kernel.tensor.Tensor;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A linear map {@code y = x W^T} in whatever form a compression method stores it: dense,
 * quantized, sparse, low-rank, hashed. This is what a compressed layer is.
 *
 * @since 1.0
 */
@ConsumerType
public interface LinearOperator {
    /**
     * Returns the input width.
     *
     * @return {@code in_features}
     */
    long inFeatures();

    /**
     * Returns the output width.
     *
     * @return {@code out_features}
     */
    long outFeatures();

    /**
     * Applies the map to the last axis.
     *
     * @param input activations {@code [..., in]}
     * @return outputs {@code [..., out]}
     */
    Tensor apply(Tensor input);

    /**
     * Returns the number of stored parameters (codes, scales, factors, indices all counted).
     *
     * @return the parameter count
     */
    long parameterCount();

    /**
     * Returns the exact storage cost in bits, every auxiliary value included.
     *
     * @return the size in bits
     */
    long storageBits();

    /**
     * Returns the dense weight this operator represents, {@code [out, in]} in float32: the
     * dequantized, densified or multiplied-out matrix, so that {@code apply(x)} equals
     * {@code x W^T} up to rounding. Used for dense exports and layer-error measurements.
     *
     * @return the dense weight
     */
    Tensor denseWeight();

    /**
     * Returns the operator in the form it is saved: what the method that made it needs to
     * {@linkplain dev.presso.kernel.method.CompressionMethod#restore restore} it exactly.
     *
     * @return the payload
     */
    OperatorPayload payload();
}
