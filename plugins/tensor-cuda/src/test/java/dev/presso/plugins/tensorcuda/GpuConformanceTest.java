package dev.presso.plugins.tensorcuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.presso.kernel.tensor.Availability;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.tck.TensorBackendContract;
import org.junit.jupiter.api.BeforeAll;

/** The whole tensor kit, large inputs included, on a real GPU; skipped where the probe says no. */
class GpuConformanceTest implements TensorBackendContract {
    @BeforeAll
    static void requireGpu() {
        Availability availability = new CudaTensorProvider().probe();
        assumeTrue(availability.available(), "no usable GPU: " + availability.reason());
    }

    @Override
    public TensorBackend openBackend() {
        return new CudaTensorProvider().open(BackendOptions.defaults());
    }
}
