package dev.presso.plugins.tensorcuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.presso.host.TensorRuntime;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.plugins.tensorcuda.bench.ModelRun;
import dev.presso.plugins.tensorcuda.fake.FakeCuda;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The real stories260K through the CUDA backend over the fake driver and the kernels compiled for
 * the host: the same logits as tensor-cpu within 1e-4, and every device allocation and context
 * retain released when the backend closes.
 */
class FakeGpuModelTest {
    @Test
    void stories260kLogitsMatchTheCpuAndNothingLeaks() {
        String root = System.getProperty("presso.shared.data");
        assumeTrue(root != null && Files.isDirectory(Path.of(root, "stories260k")),
                "the shared stories260K data is not available");
        FakeCuda.reset();
        FakeCuda.useHostKernels();
        long allocations = FakeCuda.liveAllocations();
        int retains = FakeCuda.contextRetains();
        int blasHandles = FakeCuda.blasHandles();
        ModelRun gpu;
        try (TensorBackend cuda = new CudaTensorProvider(FakeCuda.search()).open(BackendOptions.defaults())) {
            gpu = ModelRun.run(Path.of(root), cuda, 1);
            assertEquals(0, cuda.memoryStats().liveBytes(), "the model's tensors were released");
        }
        assertEquals(allocations, FakeCuda.liveAllocations(), "device allocations after close");
        assertEquals(retains, FakeCuda.contextRetains(), "primary context retains after close");
        assertEquals(blasHandles, FakeCuda.blasHandles(), "cuBLAS handles after close");
        ModelRun cpu;
        try (TensorBackend host = TensorRuntime.openBackend(Optional.of("cpu"), BackendOptions.defaults())) {
            cpu = ModelRun.run(Path.of(root), host, 1);
        }
        double difference = gpu.maxDifference(cpu);
        assertTrue(difference <= 1e-4, "largest logit difference " + difference);
    }
}
