package dev.presso.plugins.tensorcuda.internal.backend;

import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.plugins.tensorcuda.internal.kernels.DeviceMemory;

/**
 * The kernels' view of the backend's memory: addresses of checked arrays (foreign and closed
 * arrays are refused with a {@link dev.presso.kernel.tensor.TensorException}) and stream-ordered
 * temporaries.
 */
final class BackendDeviceMemory implements DeviceMemory {
    private final ArrayRegistry registry;
    private final DeviceSession session;

    BackendDeviceMemory(ArrayRegistry registry, DeviceSession session) {
        this.registry = registry;
        this.session = session;
    }

    @Override
    public long address(DeviceArray array) {
        return registry.resolve("kernel", "argument", array).address();
    }

    @Override
    public long allocateTemporary(long bytes) {
        return session.allocate(bytes);
    }

    @Override
    public void freeTemporary(long address) {
        session.free(address);
    }

    @Override
    public int readInt(long address) {
        return session.readInt(address);
    }
}
