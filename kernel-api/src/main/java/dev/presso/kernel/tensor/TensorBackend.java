package dev.presso.kernel.tensor;

import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The SPI a tensor provider implements: storage on one device plus every kernel Presso needs.
 *
 * <p>A backend is opened by {@link TensorProvider#open(BackendOptions)} and closed by its owner,
 * which releases its threads and device handles (arrays still open are then invalid). Kernels are
 * grouped by theme in the super-interfaces; each states its shapes, dtypes and aliasing rules.
 * Argument errors are {@link TensorException}s that name the kernel, the shapes and what was
 * expected. A backend may be called from several threads, but not with the same output array.
 *
 * <p>The conformance kit {@code presso-tck} checks a backend against float64 references.
 *
 * @since 1.0
 */
@ConsumerType
public interface TensorBackend extends ArrayStorage, DenseKernels, NeuralKernels, IndexKernels,
        QuantKernels, LinearAlgebraKernels, AutoCloseable {
    /**
     * Returns the name of the provider that opened this backend, such as {@code "cpu"}.
     *
     * @return the provider name
     */
    String name();

    /**
     * Returns the device that holds this backend's arrays.
     *
     * @return the device
     */
    Device device();

    /**
     * Returns the optional features this backend offers.
     *
     * @return an immutable set, possibly empty
     */
    Set<BackendCapability> capabilities();

    /**
     * Waits until every kernel submitted so far has finished; a no-op for synchronous backends.
     */
    default void synchronize() {}

    /**
     * Releases the backend's threads and device resources.
     */
    @Override
    void close();
}
