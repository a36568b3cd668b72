package dev.presso.plugins.tensorcuda.internal.kernels;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Device;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An array of {@link HostMemory}: native memory standing in for device memory, shared by views.
 *
 * @param owner the memory that created it
 * @param storage the shared native block
 * @param dtype the element type
 * @param shape the dimensions
 * @param closed whether this reference has been released
 */
record HostArray(HostMemory owner, HostMemory.Block storage, DType dtype, Shape shape,
        AtomicBoolean closed) implements DeviceArray {
    @Override
    public Device device() {
        return HostMemory.DEVICE;
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            owner.release(this);
        }
    }

    @Override
    public String toString() {
        return dtype + shape.toString();
    }
}
