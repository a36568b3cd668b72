package dev.presso.plugins.tensorcuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.tensor.Availability;
import dev.presso.kernel.tensor.BackendCapability;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TensorProvider;
import dev.presso.plugins.tensorcuda.fake.FakeCuda;
import dev.presso.plugins.tensorcuda.internal.driver.LibrarySearch;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery, probe reasons and opening; all but the first three need the fake libraries (gcc). */
class CudaTensorProviderTest {
    @Test
    void serviceLoaderFindsTheProviderWithoutLoadingNativeCode() {
        TensorProvider provider = ServiceLoader.load(TensorProvider.class).stream()
                .filter(p -> p.type() == CudaTensorProvider.class).findFirst().orElseThrow().get();
        assertEquals("cuda", provider.name());
        assertEquals(100, provider.priority());
    }

    @Test
    void theDefaultProbeNeverThrows() {
        Availability availability = new CudaTensorProvider().probe();
        assertFalse(availability.reason().isBlank());
    }

    @Test
    void aMissingDriverIsReportedWithEveryPathTried(@TempDir Path empty) {
        Availability availability = new CudaTensorProvider(LibrarySearch.only(empty)).probe();
        assertFalse(availability.available());
        assertEquals("libcuda.so.1 not found (tried: " + empty.resolve("libcuda.so.1") + " (absent))",
                availability.reason());
        TensorException e = assertThrows(TensorException.class,
                () -> new CudaTensorProvider(LibrarySearch.only(empty)).open(BackendOptions.defaults()));
        assertTrue(e.getMessage().contains("the cuda provider is unavailable: libcuda.so.1 not found"),
                e.getMessage());
    }

    @Test
    void aFailedInitIsReportedByName() {
        FakeCuda.reset();
        FakeCuda.setInitResult(100);
        assertEquals(Availability.unavailable(
                "cuInit failed: CUDA_ERROR_NO_DEVICE (no CUDA-capable device is detected)"),
                new CudaTensorProvider(FakeCuda.search()).probe());
    }

    @Test
    void noDeviceAndOldDevicesAreReported() {
        FakeCuda.reset();
        FakeCuda.setDevices(0, 9, 0);
        assertEquals("no device: cuDeviceGetCount found no CUDA device",
                new CudaTensorProvider(FakeCuda.search()).probe().reason());
        FakeCuda.setDevices(1, 7, 0);
        Availability old = new CudaTensorProvider(FakeCuda.search()).probe();
        assertFalse(old.available());
        assertTrue(old.reason().startsWith("compute capability 7.0 < 7.5 (Fake GPU 0, device 0)"),
                old.reason());
    }

    @Test
    void anAvailableDeviceIsDescribed() {
        FakeCuda.reset();
        Availability availability = new CudaTensorProvider(FakeCuda.search()).probe();
        assertTrue(availability.available(), availability.reason());
        assertEquals("Fake GPU 0, compute capability 9.0, 1 device(s), driver CUDA 13.0; "
                + "libcublas.so.13 found; libcusolver.so.12 found", availability.reason());
    }

    @Test
    void aMissingDeviceOrdinalOrBadOptionIsRefused() {
        FakeCuda.reset();
        CudaTensorProvider provider = new CudaTensorProvider(FakeCuda.search());
        TensorException ordinal = assertThrows(TensorException.class,
                () -> provider.open(new BackendOptions(0, 3, Map.of())));
        assertTrue(ordinal.getMessage().contains("no device 3: only 1 CUDA device(s) found"),
                ordinal.getMessage());
        TensorException option = assertThrows(TensorException.class,
                () -> provider.open(new BackendOptions(0, 0, Map.of("cuda.tf32", "yes"))));
        assertTrue(option.getMessage().contains("cuda.tf32 = 'yes'; expected 'true' or 'false'"),
                option.getMessage());
    }

    @Test
    void withoutCublasTheProviderRunsButGemmSaysWhy() {
        FakeCuda.reset();
        FakeCuda.useHostKernels();
        CudaTensorProvider provider = new CudaTensorProvider(LibrarySearch.only(FakeCuda.driverOnly()));
        Availability availability = provider.probe();
        assertTrue(availability.available(), availability.reason());
        assertTrue(availability.reason().contains("libcublas.so.13 not found, so GEMM is unavailable"),
                availability.reason());
        try (TensorBackend backend = provider.open(BackendOptions.defaults())) {
            assertFalse(backend.capabilities().contains(BackendCapability.BF16_GEMM));
            assertTrue(backend.capabilities().contains(BackendCapability.ASYNC));
            try (DeviceArray a = backend.fromFloats(new float[] {1, 2, 3, 4}, Shape.of(2, 2));
                    DeviceArray c = backend.allocate(DType.F32, Shape.of(2, 2))) {
                TensorException e = assertThrows(TensorException.class,
                        () -> backend.gemm(false, false, 1f, a, a, 0f, c));
                assertTrue(e.getMessage().startsWith("gemm: needs cuBLAS, which is unavailable: "
                        + "libcublas.so.13 not found (tried: "), e.getMessage());
                TensorException svd = assertThrows(TensorException.class,
                        () -> backend.cholesky(a, c));
                assertTrue(svd.getMessage().contains("needs cuSOLVER"), svd.getMessage());
            }
        }
    }
}
