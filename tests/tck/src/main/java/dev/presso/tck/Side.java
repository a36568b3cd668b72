package dev.presso.tck;

import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.TensorBackend;

/**
 * One side of a {@link BackendPair}: the backend under test or the reference, with the matching
 * half of every {@link PairedArray}.
 *
 * @param backend the backend of this side
 * @param isReference whether this is the reference side
 * @since 1.0
 */
public record Side(TensorBackend backend, boolean isReference) {
    /**
     * Returns this side's half of a paired array.
     *
     * @param array the paired array
     * @return the array on this side's backend
     */
    public DeviceArray get(PairedArray array) {
        return isReference ? array.expected() : array.actual();
    }
}
