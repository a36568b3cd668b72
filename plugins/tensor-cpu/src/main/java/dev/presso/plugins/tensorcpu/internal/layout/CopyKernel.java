package dev.presso.plugins.tensorcpu.internal.layout;

import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcpu.internal.kernel.Checks;
import dev.presso.plugins.tensorcpu.internal.kernel.KernelContext;
import dev.presso.plugins.tensorcpu.internal.storage.CpuArray;

/** Copies elements in row-major order between arrays of the same dtype and size, any shapes. */
public final class CopyKernel {
    private final KernelContext context;

    /** Creates the kernel. */
    public CopyKernel(KernelContext context) {
        this.context = context;
    }

    /** Copies {@code source} into {@code target}; a target sharing its storage is a no-op. */
    public void copy(DeviceArray source, DeviceArray target) {
        CpuArray cs = context.array("copy", "source", source);
        CpuArray ct = context.array("copy", "target", target);
        Checks.requireSameDType("copy", "target", ct, "source", cs);
        if (cs.size() != ct.size()) {
            throw new TensorException("copy", "source " + cs.shape() + " has " + cs.size()
                    + " elements but target " + ct.shape() + " has " + ct.size()
                    + "; expected the same count");
        }
        if (!cs.sharesStorage(ct)) {
            System.arraycopy(cs.data(), 0, ct.data(), 0, cs.storageLength());
        }
    }
}
