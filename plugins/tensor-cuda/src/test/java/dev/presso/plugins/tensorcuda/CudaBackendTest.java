package dev.presso.plugins.tensorcuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.UnaryOp;
import dev.presso.plugins.tensorcuda.fake.FakeCuda;
import dev.presso.plugins.tensorcuda.internal.backend.CudaBackend;
import dev.presso.plugins.tensorcuda.internal.driver.CudaException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Backend behaviour the kit does not reach: allocation fallback, options and every error path. */
class CudaBackendTest {
    @BeforeEach
    void resetFake() {
        FakeCuda.reset();
        FakeCuda.useHostKernels();
    }

    private static TensorBackend open(Map<String, String> properties) {
        return new CudaTensorProvider(FakeCuda.search()).open(new BackendOptions(0, 0, properties));
    }

    @Test
    void withoutMemoryPoolsAllocationFallsBackToCuMemAlloc() {
        FakeCuda.setMemoryPools(0);
        long before = FakeCuda.liveAllocations();
        try (TensorBackend backend = open(Map.of())) {
            DeviceArray x = backend.fromFloats(new float[] {1, -2, 3}, Shape.of(3));
            DeviceArray y = backend.allocate(DType.F32, Shape.of(3));
            backend.unary(UnaryOp.ABS, x, y);
            assertArrayEquals(new float[] {1, 2, 3}, backend.toFloats(y));
            x.close();
            y.close();
            backend.synchronize();
        }
        assertEquals(before, FakeCuda.liveAllocations());
    }

    @Test
    void theMemoryPoolKeepsFreedMemoryAndCloseIsIdempotent() {
        try (TensorBackend backend = open(Map.of())) {
            assertEquals(-1L, FakeCuda.poolReleaseThreshold(), "release threshold UINT64_MAX");
            backend.close();
            TensorException closed = assertThrows(TensorException.class,
                    () -> backend.allocate(DType.F32, Shape.of(1)));
            assertTrue(closed.getMessage().contains("the cuda backend is closed"), closed.getMessage());
        }
    }

    @Test
    void tf32IsAnOptInThatStillComputes() {
        try (TensorBackend backend = open(Map.of("cuda.tf32", "true"));
                DeviceArray a = backend.fromFloats(new float[] {1, 2, 3, 4}, Shape.of(2, 2));
                DeviceArray c = backend.allocate(DType.F32, Shape.of(2, 2))) {
            backend.gemm(false, true, 1f, a, a, 0f, c);
            assertArrayEquals(new float[] {5, 11, 11, 25}, backend.toFloats(c));
        }
    }

    @Test
    void theModuleChoiceIsHonouredAndExplained() {
        boolean fatbin = CudaBackendTest.class.getResource(
                "/dev/presso/plugins/tensorcuda/kernels.fatbin") != null;
        if (fatbin) {
            try (TensorBackend backend = open(Map.of("cuda.module", "fatbin"))) {
                assertTrue(((CudaBackend) backend).kernelImage().contains("(fatbin, "));
            }
        } else {
            TensorException e = assertThrows(TensorException.class,
                    () -> open(Map.of("cuda.module", "fatbin")));
            assertTrue(e.getMessage().contains("kernels.fatbin is not on the class path"),
                    e.getMessage());
        }
        try (TensorBackend backend = open(Map.of("cuda.module", "ptx"))) {
            assertTrue(((CudaBackend) backend).kernelImage().contains("kernels.ptx (PTX, "));
        }
        TensorException bad = assertThrows(TensorException.class, () -> open(Map.of("cuda.module", "x")));
        assertTrue(bad.getMessage().contains("cuda.module = 'x'; expected 'auto', 'ptx' or 'fatbin'"),
                bad.getMessage());
    }

    @Test
    void aModuleThatFailsToLoadReleasesEverything() {
        int retains = FakeCuda.contextRetains();
        int handles = FakeCuda.blasHandles();
        FakeCuda.failNextDriverCall("cuModuleLoadDataEx", 218);
        CudaException e = assertThrows(CudaException.class, () -> open(Map.of("cuda.module", "ptx")));
        assertEquals("CUDA_ERROR_INVALID_PTX", e.statusName());
        assertEquals(retains, FakeCuda.contextRetains(), "the primary context is released");
        assertEquals(handles, FakeCuda.blasHandles(), "the cuBLAS handle is destroyed");
        FakeCuda.failNextSolverCall("cusolverDnCreate", 2);
        CudaException solver = assertThrows(CudaException.class, () -> open(Map.of()));
        assertEquals("CUSOLVER_STATUS_ALLOC_FAILED", solver.statusName());
        assertEquals(retains, FakeCuda.contextRetains(), "the primary context is released");
        assertEquals(handles, FakeCuda.blasHandles(), "the cuBLAS handle is destroyed");
    }

    @Test
    void launchSolverAndFreeFailuresReachTheCaller() {
        try (TensorBackend backend = open(Map.of());
                DeviceArray x = backend.fromFloats(new float[] {4, 2, 2, 3}, Shape.of(2, 2));
                DeviceArray y = backend.allocate(DType.F32, Shape.of(2, 2))) {
            FakeCuda.failNextDriverCall("cuLaunchKernel", 719);
            CudaException launch = assertThrows(CudaException.class, () -> backend.unary(UnaryOp.EXP, x, y));
            assertEquals("CUDA_ERROR_LAUNCH_FAILED", launch.statusName());
            FakeCuda.failNextSolverCall("cusolverDnXpotrf", 7);
            CudaException solver = assertThrows(CudaException.class, () -> backend.cholesky(x, y));
            assertEquals("CUSOLVER_STATUS_INTERNAL_ERROR", solver.statusName());
            backend.cholesky(x, y);
            assertArrayEquals(new float[] {2, 0, 1, (float) Math.sqrt(2)}, backend.toFloats(y), 1e-6f);
            DeviceArray z = backend.allocate(DType.F32, Shape.of(1));
            FakeCuda.failNextDriverCall("cuMemFreeAsync", 1);
            z.close();
            CudaException free = assertThrows(CudaException.class, backend::synchronize);
            assertEquals("cuMemFreeAsync", free.op());
            backend.synchronize();
        }
    }

    @Test
    void aNonPositiveDefiniteMatrixNamesTheMinor() {
        try (TensorBackend backend = open(Map.of());
                DeviceArray a = backend.fromFloats(new float[] {1, 2, 2, 1}, Shape.of(2, 2));
                DeviceArray l = backend.allocate(DType.F32, Shape.of(2, 2))) {
            TensorException e = assertThrows(TensorException.class, () -> backend.cholesky(a, l));
            assertEquals("cholesky: a [2, 2] is not positive definite (its leading minor of order 2 "
                    + "is not)", e.getMessage());
        }
    }
}
