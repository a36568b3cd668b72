package dev.presso.plugins.tensorcpu.internal.matmul;

import static dev.presso.plugins.tensorcpu.Kernels.assertClose;
import static dev.presso.plugins.tensorcpu.Kernels.assertTensorError;
import static dev.presso.plugins.tensorcpu.Kernels.random;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.plugins.tensorcpu.Kernels;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GemmKernelTest {
    private final TensorBackend backend = Kernels.open();

    @AfterAll
    void close() {
        backend.close();
    }

    @Test
    void batchedProductsWithEveryTransposeAndSharedOperands() {
        int batches = 3;
        int m = 17;
        int n = 33;
        int k = 9;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (boolean sharedB : new boolean[] {false, true}) {
                    check(batches, m, n, k, ta, tb, sharedB, 0.5f, 0f);
                    check(batches, m, n, k, ta, tb, sharedB, 1f, 2f);
                }
            }
        }
        check(1, 172, 64, 200, false, true, true, 1f, 0f);
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        try (DeviceArray a = backend.fromFloats(new float[] {1, 2}, Shape.of(1, 2));
                DeviceArray b = backend.fromFloats(new float[] {3, 4}, Shape.of(2, 1));
                DeviceArray c = backend.fromFloats(new float[] {Float.NaN}, Shape.of(1, 1))) {
            backend.gemm(false, false, 1f, a, b, 0f, c);
            assertClose(new double[] {11}, backend.toFloats(c), 0, 0, "beta 0");
        }
    }

    @Test
    void bf16AndF16OperandsAreWidenedExactly() {
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {0.5f, -1, 2, 0.25f, 3, 1};
        for (DType dtype : new DType[] {DType.BF16, DType.F16}) {
            try (DeviceArray af = backend.fromFloats(a, Shape.of(2, 3));
                    DeviceArray bf = backend.fromFloats(b, Shape.of(3, 2));
                    DeviceArray ah = backend.allocate(dtype, Shape.of(2, 3));
                    DeviceArray c = backend.allocate(DType.F32, Shape.of(2, 2))) {
                backend.cast(af, ah);
                backend.gemm(false, false, 1f, ah, bf, 0f, c);
                assertClose(new double[] {13.5, 2.5, 30, 3.25}, backend.toFloats(c), 0, 0,
                        dtype.toString());
            }
        }
    }

    @Test
    void mismatchedShapesNameEveryOperand() {
        try (DeviceArray a = Kernels.zeros(backend, 4, 3); DeviceArray b = Kernels.zeros(backend,
                5, 2); DeviceArray c = Kernels.zeros(backend, 4, 2)) {
            assertTensorError("gemm", () -> backend.gemm(false, false, 1f, a, b, 0f, c),
                    "a is [4, 3]", "b is [5, 2]", "c is [4, 2]");
            assertTensorError("gemm", () -> backend.gemm(false, false, 1f, a, b, 0f, a),
                    "c is [4, 3]");
        }
        try (DeviceArray a = Kernels.zeros(backend, 2, 4, 3); DeviceArray b = Kernels.zeros(backend,
                3, 3, 2); DeviceArray c = Kernels.zeros(backend, 2, 4, 2)) {
            assertTensorError("gemm", () -> backend.gemm(false, false, 1f, a, b, 0f, c),
                    "b is [3, 3, 2]", "batch dimensions [2]");
        }
        try (DeviceArray a = Kernels.zeros(backend, 2, 2);
                DeviceArray i = backend.allocate(DType.I32, Shape.of(2, 2))) {
            assertTensorError("gemm", () -> backend.gemm(false, false, 1f, a, i, 0f, a),
                    "b [2, 2] has dtype I32");
        }
    }

    private void check(int batches, int m, int n, int k, boolean ta, boolean tb, boolean sharedB,
            float alpha, float beta) {
        float[] a = random(1, batches * m * k, 1.0);
        float[] b = random(2, (sharedB ? 1 : batches) * k * n, 1.0);
        float[] c0 = random(3, batches * m * n, 1.0);
        double[] expected = new double[c0.length];
        for (int t = 0; t < batches; t++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int p = 0; p < k; p++) {
                        double av = a[t * m * k + (ta ? p * m + i : i * k + p)];
                        int bBase = sharedB ? 0 : t * k * n;
                        double bv = b[bBase + (tb ? j * k + p : p * n + j)];
                        sum += av * bv;
                    }
                    int ci = t * m * n + i * n + j;
                    expected[ci] = alpha * sum + beta * c0[ci];
                }
            }
        }
        Shape sa = batches == 1 ? Shape.of(ta ? k : m, ta ? m : k)
                : Shape.of(batches, ta ? k : m, ta ? m : k);
        Shape sb = sharedB ? Shape.of(tb ? n : k, tb ? k : n)
                : Shape.of(batches, tb ? n : k, tb ? k : n);
        Shape sc = batches == 1 ? Shape.of(m, n) : Shape.of(batches, m, n);
        try (DeviceArray da = backend.fromFloats(a, sa); DeviceArray db = backend.fromFloats(b, sb);
                DeviceArray dc = backend.fromFloats(c0, sc)) {
            backend.gemm(ta, tb, alpha, da, db, beta, dc);
            assertClose(expected, backend.toFloats(dc), 1e-5, 1e-5, "gemm " + sa + (ta ? "T" : "")
                    + " x " + sb + (tb ? "T" : "") + " alpha=" + alpha + " beta=" + beta
                    + Arrays.toString(new int[] {batches, m, n, k}));
        }
    }
}
