package dev.presso.tck;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;

/**
 * The same array on the backend under test and on the reference backend, created with identical
 * contents by a {@link BackendPair}.
 *
 * @param actual the array on the backend under test
 * @param expected the array on the reference backend
 * @since 1.0
 */
public record PairedArray(DeviceArray actual, DeviceArray expected) {
    /**
     * Returns the shared shape.
     *
     * @return the shape
     */
    public Shape shape() {
        return actual.shape();
    }

    /**
     * Returns the shared dtype.
     *
     * @return the dtype
     */
    public DType dtype() {
        return actual.dtype();
    }
}
