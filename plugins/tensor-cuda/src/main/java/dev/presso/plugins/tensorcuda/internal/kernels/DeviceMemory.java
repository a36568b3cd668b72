package dev.presso.plugins.tensorcuda.internal.kernels;

import dev.presso.kernel.tensor.DeviceArray;

/**
 * What kernel code needs from the backend's memory: the device address of an array, and
 * temporary buffers (reduction partials, top-k scratch) that live until the stream reaches them
 * being freed.
 */
public interface DeviceMemory {
    /**
     * Returns the device address of an array's first element.
     *
     * @param array an open array of this backend
     * @return the address
     */
    long address(DeviceArray array);

    /**
     * Allocates a temporary device buffer.
     *
     * @param bytes the size, at least 1
     * @return its device address
     */
    long allocateTemporary(long bytes);

    /**
     * Frees a temporary buffer once the launches queued before this call have used it.
     *
     * @param address an address from {@link #allocateTemporary}
     */
    void freeTemporary(long address);

    /**
     * Reads one {@code int} of device memory once every launch queued before this call has
     * finished. Kernels that must refuse bad data (gather's indices outside the table) read their
     * verdict back this way.
     *
     * @param address a device address, such as {@link #allocateTemporary}'s or
     *     {@link #address}'s plus an offset
     * @return the value
     */
    int readInt(long address);
}
