package dev.presso.kernel.tensor;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The discovery entry point of a tensor backend, registered in
 * {@code META-INF/services/dev.presso.kernel.tensor.TensorProvider}.
 *
 * <p>Constructing a provider and calling {@link #name()}, {@link #priority()} and
 * {@link #probe()} must be cheap and must never throw or load native code that can crash the
 * JVM: listing providers happens on every start. Heavy initialization belongs in
 * {@link #open(BackendOptions)}.
 *
 * @since 1.0
 */
@ConsumerType
public interface TensorProvider {
    /**
     * Returns the provider's unique name, used to select it, such as {@code "cpu"} or
     * {@code "cuda"}.
     *
     * @return a lowercase name, never blank
     */
    String name();

    /**
     * Returns the priority used when no provider is selected explicitly; the highest available
     * wins.
     *
     * @return the priority, for example 10 for a CPU and 100 for a GPU
     */
    int priority();

    /**
     * Checks whether this provider can run here, without throwing.
     *
     * @return whether it is available and, if not, why
     */
    Availability probe();

    /**
     * Opens a backend.
     *
     * @param options threads, device and provider-specific settings
     * @return a backend owned by the caller
     * @throws TensorException if the provider is unavailable, with {@link #probe()}'s reason
     */
    TensorBackend open(BackendOptions options);
}
