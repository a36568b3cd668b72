package dev.presso.plugins.tensorcuda;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.presso.host.TensorRuntime;
import dev.presso.kernel.tensor.Availability;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.plugins.tensorcuda.bench.ModelRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The real stories260K on a real GPU: logits within 1e-4 of tensor-cpu's. Skipped without a GPU. */
class GpuReferenceTest {
    @Test
    void stories260kLogitsMatchTheCpu() {
        Availability availability = new CudaTensorProvider().probe();
        assumeTrue(availability.available(), "no usable GPU: " + availability.reason());
        String root = System.getProperty("presso.shared.data");
        assumeTrue(root != null && Files.isDirectory(Path.of(root, "stories260k")),
                "the shared stories260K data is not available");
        ModelRun gpu;
        try (TensorBackend cuda = new CudaTensorProvider().open(BackendOptions.defaults())) {
            gpu = ModelRun.run(Path.of(root), cuda, 8);
        }
        ModelRun cpu;
        try (TensorBackend host = TensorRuntime.openBackend(Optional.of("cpu"), BackendOptions.defaults())) {
            cpu = ModelRun.run(Path.of(root), host, 8);
        }
        double difference = gpu.maxDifference(cpu);
        assertTrue(difference <= 1e-4, "largest logit difference " + difference);
    }
}
