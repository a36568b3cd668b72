package dev.presso.plugins.tensorcpu;

import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.tck.TensorBackendContract;
import dev.presso.tck.TensorBackendTestKit;

/** The CPU backend, found through {@code ServiceLoader} as provider "cpu", passes the tensor kit. */
class CpuConformanceTest implements TensorBackendContract {
    @Override
    public TensorBackend openBackend() {
        return TensorBackendTestKit.openProvider("cpu");
    }
}
