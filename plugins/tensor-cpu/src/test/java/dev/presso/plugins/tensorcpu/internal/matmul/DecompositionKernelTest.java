package dev.presso.plugins.tensorcpu.internal.matmul;

import static dev.presso.plugins.tensorcpu.Kernels.assertClose;
import static dev.presso.plugins.tensorcpu.Kernels.assertTensorError;
import static dev.presso.plugins.tensorcpu.Kernels.zeros;

import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.plugins.tensorcpu.Kernels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecompositionKernelTest {
    private final TensorBackend backend = Kernels.open();

    @AfterAll
    void close() {
        backend.close();
    }

    @Test
    void choleskyAndTriangularSolveReachTheLinearAlgebra() {
        float[] spd = {4, 2, 0.4f, 2, 5, 1, 0.4f, 1, 3};
        try (DeviceArray a = backend.fromFloats(spd, Shape.of(3, 3)); DeviceArray l = zeros(backend,
                3, 3); DeviceArray llt = zeros(backend, 3, 3)) {
            backend.cholesky(a, l);
            backend.gemm(false, true, 1f, l, l, 0f, llt);
            assertClose(Kernels.toDoubles(spd), backend.toFloats(llt), 1e-5, 1e-5, "l l^T");
            try (DeviceArray b = backend.fromFloats(new float[] {1, 2, 3}, Shape.of(3, 1));
                    DeviceArray x = zeros(backend, 3, 1); DeviceArray lx = zeros(backend, 3, 1)) {
                backend.triangularSolve(l, b, true, false, x);
                backend.gemm(false, false, 1f, l, x, 0f, lx);
                assertClose(new double[] {1, 2, 3}, backend.toFloats(lx), 1e-5, 1e-5, "l x = b");
            }
        }
    }

    @Test
    void outputShapesAreCheckedBeforeTheWorkStarts() {
        try (DeviceArray a = zeros(backend, 5, 3); DeviceArray u = zeros(backend, 5, 5);
                DeviceArray s = zeros(backend, 3); DeviceArray vt = zeros(backend, 3, 3)) {
            assertTensorError("svd", () -> backend.svd(a, false, u, s, vt),
                    "u has shape [5, 5], expected [5, 3]", "thin SVD of a [5, 3]");
            assertTensorError("svd", () -> backend.svd(a, true, u, s, u), "vt");
        }
        try (DeviceArray a = zeros(backend, 2, 3); DeviceArray b = zeros(backend, 2, 1);
                DeviceArray out = zeros(backend, 3, 1)) {
            assertTensorError("leastSquares", () -> backend.leastSquares(a, b, out),
                    "a is [2, 3]", "M >= N");
            assertTensorError("cholesky", () -> backend.cholesky(a, out), "square");
        }
    }
}
