package dev.presso.plugins.tensorcpu.internal.kernel;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.plugins.tensorcpu.internal.storage.ArrayStore;
import dev.presso.plugins.tensorcpu.internal.storage.CpuArray;

/**
 * What every kernel needs: the store that resolves its arguments and the parallel loops.
 *
 * @param store the backend's arrays
 * @param parallel the backend's workers
 */
public record KernelContext(ArrayStore store, Parallel parallel) {
    /** Elements below which a memory-bound elementwise loop stays on one thread. */
    public static final int ELEMENTWISE_GRAIN = 1 << 16;

    /** Elements below which a row kernel with some arithmetic per element stays on one thread. */
    public static final int ROW_GRAIN = 1 << 14;

    /** Resolves an argument of any dtype. */
    public CpuArray array(String op, String role, DeviceArray array) {
        return store.resolve(op, role, array);
    }

    /** Resolves an argument that must have one of the given dtypes. */
    public CpuArray array(String op, String role, DeviceArray array, DType... allowed) {
        CpuArray cpu = store.resolve(op, role, array);
        Checks.requireDType(op, role, cpu, allowed);
        return cpu;
    }

    /** Resolves an F32 argument. */
    public CpuArray f32(String op, String role, DeviceArray array) {
        return array(op, role, array, DType.F32);
    }
}
