package dev.presso.plugins.tensorcuda.internal.kernels;

import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.TensorException;

/**
 * What every kernel family needs: the launcher, the backend's memory and the argument checks.
 *
 * @param launcher launches kernels by entry name
 * @param memory resolves arrays to device addresses and lends temporaries
 * @param checks the aliasing checks, which need device addresses
 */
record OpContext(KernelLauncher launcher, DeviceMemory memory, ArgumentChecks checks) {
    OpContext(KernelLauncher launcher, DeviceMemory memory) {
        this(launcher, memory, new ArgumentChecks(memory));
    }

    /** Launches a kernel. */
    void launch(Kernel kernel, LaunchShape shape, KernelArg... args) {
        launcher.launch(kernel.entry(), shape, args);
    }

    /** Returns an array's device address (the backend refuses closed and foreign arrays). */
    long address(DeviceArray array) {
        return memory.address(array);
    }

    /** Resolves every argument first, so closed or foreign arrays fail before anything else. */
    void resolve(DeviceArray... arrays) {
        for (DeviceArray array : arrays) {
            memory.address(array);
        }
    }

    /**
     * Throws naming the first index outside {@code [0, rows)}, checked on the device before
     * any output is written.
     */
    void requireIndicesInRange(String op, DeviceArray indices, long rows) {
        int count = ArgumentChecks.intCount(op, "indices", indices);
        if (count == 0) {
            return;
        }
        long verdict = memory.allocateTemporary(Integer.BYTES);
        try {
            launch(Kernel.FILL_I32, Launches.singleBlock(32), Args.ptr(verdict), Args.i64(1),
                    Args.i32(Integer.MAX_VALUE));
            launch(Kernel.INDEX_CHECK, Launches.elementwise(count), Args.ptr(address(indices)),
                    Args.i64(count), Args.i32((int) Math.min(rows, Integer.MAX_VALUE)),
                    Args.ptr(verdict));
            int bad = memory.readInt(verdict);
            if (bad != Integer.MAX_VALUE) {
                int value = memory.readInt(address(indices) + (long) bad * Integer.BYTES);
                throw new TensorException(op, "indices[" + bad + "] = " + value
                        + " is outside the table's rows [0, " + rows + ")");
            }
        } finally {
            memory.freeTemporary(verdict);
        }
    }
}
