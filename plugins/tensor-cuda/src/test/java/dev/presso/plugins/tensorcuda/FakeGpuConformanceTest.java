package dev.presso.plugins.tensorcuda;

import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.plugins.tensorcuda.fake.FakeCuda;
import dev.presso.plugins.tensorcuda.internal.backend.CudaSettings;
import java.util.Map;
import dev.presso.tck.TensorBackendContract;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole tensor kit on {@link dev.presso.plugins.tensorcuda.internal.backend.CudaBackend}
 * over the fake driver, cuBLAS and cuSOLVER with the kernels compiled for the host: every
 * transfer, launch, GEMM and solver call of the backend is marshalled exactly as on a GPU. Large
 * inputs are left to the real-GPU run (the fakes are reference loops). The committed PTX is
 * loaded, so the fake also checks that every kernel launched is an {@code .entry} of it.
 */
class FakeGpuConformanceTest implements TensorBackendContract {
    @BeforeAll
    static void buildFakes() {
        FakeCuda.reset();
        FakeCuda.useHostKernels();
    }

    @Override
    public TensorBackend openBackend() {
        return new CudaTensorProvider(FakeCuda.search())
                .open(new BackendOptions(0, 0, Map.of(CudaSettings.MODULE, "ptx")));
    }

    @Override
    public boolean includeLargeInputs() {
        return false;
    }
}
