package dev.presso.plugins.tensorcpu.internal.neural;

import static dev.presso.plugins.tensorcpu.Kernels.assertClose;
import static dev.presso.plugins.tensorcpu.Kernels.assertTensorError;
import static dev.presso.plugins.tensorcpu.Kernels.floats;
import static dev.presso.plugins.tensorcpu.Kernels.random;
import static dev.presso.plugins.tensorcpu.Kernels.toDoubles;
import static dev.presso.plugins.tensorcpu.Kernels.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.plugins.tensorcpu.Kernels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NeuralKernelsTest {
    private final TensorBackend backend = Kernels.open();

    @AfterAll
    void close() {
        backend.close();
    }

    @Test
    void softmaxAndLogSoftmaxMatchTheStableReference() {
        for (int n : new int[] {1, 17, 172, 5000}) {
            int rows = 3;
            float[] x = random(n, rows * n, 30.0);
            x[0] = Float.NEGATIVE_INFINITY;
            double[] soft = new double[rows * n];
            double[] logSoft = new double[rows * n];
            for (int r = 0; r < rows; r++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    max = Math.max(max, x[r * n + j]);
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += Math.exp(x[r * n + j] - max);
                }
                for (int j = 0; j < n; j++) {
                    soft[r * n + j] = Math.exp(x[r * n + j] - max) / sum;
                    logSoft[r * n + j] = x[r * n + j] - max - Math.log(sum);
                }
            }
            try (DeviceArray in = floats(backend, x, rows, n);
                    DeviceArray out = zeros(backend, rows, n)) {
                backend.softmax(in, out);
                assertClose(soft, backend.toFloats(out), 1e-5, 1e-7, "softmax n=" + n);
                backend.logSoftmax(in, out);
                assertClose(logSoft, backend.toFloats(out), 1e-5, 1e-5, "logSoftmax n=" + n);
            }
        }
    }

    @Test
    void softmaxOfARowWithNaNIsNaNAndOutMayNotAliasX() {
        try (DeviceArray in = floats(backend, new float[] {1, Float.NaN, 2, 0, 0, 0}, 2, 3);
                DeviceArray out = zeros(backend, 2, 3)) {
            backend.softmax(in, out);
            float[] y = backend.toFloats(out);
            assertTrue(Float.isNaN(y[0]) && Float.isNaN(y[2]));
            assertArrayEquals(new float[] {1 / 3f, 1 / 3f, 1 / 3f}, java.util.Arrays.copyOfRange(
                    y, 3, 6), 1e-7f);
            assertTensorError("softmax", () -> backend.softmax(in, in), "shares storage");
        }
    }

    @Test
    void rmsNormMatchesTheReference() {
        int rows = 5;
        for (int d : new int[] {1, 17, 172}) {
            float[] x = random(d, rows * d, 3.0);
            float[] w = random(d + 1, d, 1.0);
            double[] expected = new double[rows * d];
            for (int r = 0; r < rows; r++) {
                double ms = 0;
                for (int j = 0; j < d; j++) {
                    ms += (double) x[r * d + j] * x[r * d + j];
                }
                double inv = 1 / Math.sqrt(ms / d + 1e-5);
                for (int j = 0; j < d; j++) {
                    expected[r * d + j] = x[r * d + j] * inv * w[j];
                }
            }
            try (DeviceArray in = floats(backend, x, rows, d); DeviceArray gain = floats(backend,
                    w, d); DeviceArray out = zeros(backend, rows, d)) {
                backend.rmsNorm(in, gain, 1e-5f, out);
                assertClose(expected, backend.toFloats(out), 1e-5, 1e-6, "rmsNorm d=" + d);
                assertTensorError("rmsNorm", () -> backend.rmsNorm(in, in, 1e-5f, out),
                        "weight has shape [" + rows + ", " + d + "], expected [" + d + "]");
            }
        }
    }

    @Test
    void ropeRotatesHalvesAndItsInverseUndoesIt() {
        int b = 2;
        int t = 3;
        int h = 2;
        for (int d : new int[] {2, 34, 64}) {
            int half = d / 2;
            float[] x = random(d, b * t * h * d, 1.0);
            float[] cos = new float[t * half];
            float[] sin = new float[t * half];
            for (int p = 0; p < t; p++) {
                for (int j = 0; j < half; j++) {
                    double angle = p * Math.pow(10000, -2.0 * j / d);
                    cos[p * half + j] = (float) Math.cos(angle);
                    sin[p * half + j] = (float) Math.sin(angle);
                }
            }
            double[] expected = new double[x.length];
            for (int row = 0; row < b * t * h; row++) {
                int p = (row / h) % t;
                for (int j = 0; j < half; j++) {
                    double x1 = x[row * d + j];
                    double x2 = x[row * d + half + j];
                    double c = cos[p * half + j];
                    double s = sin[p * half + j];
                    expected[row * d + j] = x1 * c - x2 * s;
                    expected[row * d + half + j] = x2 * c + x1 * s;
                }
            }
            try (DeviceArray in = floats(backend, x, b, t, h, d);
                    DeviceArray c = floats(backend, cos, t, half);
                    DeviceArray s = floats(backend, sin, t, half);
                    DeviceArray out = zeros(backend, b, t, h, d);
                    DeviceArray back = zeros(backend, b, t, h, d)) {
                backend.rope(in, c, s, false, out);
                assertClose(expected, backend.toFloats(out), 1e-6, 1e-6, "rope d=" + d);
                backend.rope(out, c, s, true, back);
                assertClose(toDoubles(x), backend.toFloats(back), 1e-5, 1e-6, "inverse d=" + d);
                assertTensorError("rope", () -> backend.rope(in, c, in, false, out),
                        "sin has shape", "[T, D/2]");
            }
        }
    }

    @Test
    void fwhtMatchesTheSylvesterMatrixForEveryBlock() {
        checkFwht(128, 3, 128);
        checkFwht(24, 2, 8);
        try (DeviceArray in = zeros(backend, 2, 24); DeviceArray out = zeros(backend, 2, 24)) {
            assertTensorError("fwht", () -> backend.fwht(in, 16, 1f, out),
                    "block 16", "power of two dividing the last dimension 24");
        }
    }

    private void checkFwht(int n, int rows, int maxBlock) {
        float[] x = random(7, rows * n, 1.0);
        for (int block = 1; block <= maxBlock; block *= 2) {
            float scale = (float) (1 / Math.sqrt(block));
            double[] expected = new double[x.length];
            for (int start = 0; start < x.length; start += block) {
                for (int i = 0; i < block; i++) {
                    double sum = 0;
                    for (int j = 0; j < block; j++) {
                        sum += (Integer.bitCount(i & j) % 2 == 0 ? 1 : -1) * x[start + j];
                    }
                    expected[start + i] = scale * sum;
                }
            }
            try (DeviceArray in = floats(backend, x, rows, n); DeviceArray out = zeros(backend,
                    rows, n); DeviceArray back = zeros(backend, rows, n)) {
                backend.fwht(in, block, scale, out);
                assertClose(expected, backend.toFloats(out), 1e-5, 1e-5,
                        "fwht n=" + n + " block=" + block);
                backend.fwht(out, block, scale, back);
                assertClose(toDoubles(x), backend.toFloats(back), 1e-5, 1e-5, "self-inverse");
            }
        }
    }
}
