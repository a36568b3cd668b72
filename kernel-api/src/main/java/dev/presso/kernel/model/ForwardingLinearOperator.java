package dev.presso.kernel.model;

import dev.presso.kernel.tensor.Tensor;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link LinearOperator} that stands in for another one and forwards every call to it, so that
 * a wrapper (one that records a layer's inputs, for example) overrides only what it changes.
 *
 * <pre>{@code
 * final class Counting implements ForwardingLinearOperator {
 *     private final LinearOperator delegate;
 *     long calls;
 *
 *     Counting(LinearOperator delegate) { this.delegate = delegate; }
 *
 *     public LinearOperator delegate() { return delegate; }
 *
 *     public Tensor apply(Tensor input) {
 *         calls++;
 *         return delegate.apply(input);
 *     }
 * }
 * }</pre>
 *
 * @since 1.0
 */
@ConsumerType
public interface ForwardingLinearOperator extends LinearOperator {
    /**
     * Returns the operator every call is forwarded to; the same one on every call.
     *
     * @return the wrapped operator
     */
    LinearOperator delegate();

    /**
     * Returns the wrapped operator's input width.
     *
     * @return {@code delegate().inFeatures()}
     */
    @Override
    default long inFeatures() {
        return delegate().inFeatures();
    }

    /**
     * Returns the wrapped operator's output width.
     *
     * @return {@code delegate().outFeatures()}
     */
    @Override
    default long outFeatures() {
        return delegate().outFeatures();
    }

    /**
     * Applies the wrapped operator.
     *
     * @param input activations {@code [..., in]}
     * @return {@code delegate().apply(input)}
     */
    @Override
    default Tensor apply(Tensor input) {
        return delegate().apply(input);
    }

    /**
     * Returns the wrapped operator's parameter count.
     *
     * @return {@code delegate().parameterCount()}
     */
    @Override
    default long parameterCount() {
        return delegate().parameterCount();
    }

    /**
     * Returns the wrapped operator's storage cost.
     *
     * @return {@code delegate().storageBits()}
     */
    @Override
    default long storageBits() {
        return delegate().storageBits();
    }

    /**
     * Returns the wrapped operator's dense weight.
     *
     * @return {@code delegate().denseWeight()}
     */
    @Override
    default Tensor denseWeight() {
        return delegate().denseWeight();
    }

    /**
     * Returns the wrapped operator's payload.
     *
     * @return {@code delegate().payload()}
     */
    @Override
    default OperatorPayload payload() {
        return delegate().payload();
    }
}
