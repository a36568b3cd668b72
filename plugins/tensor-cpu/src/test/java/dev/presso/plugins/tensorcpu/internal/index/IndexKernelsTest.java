package dev.presso.plugins.tensorcpu.internal.index;

import static dev.presso.plugins.tensorcpu.Kernels.assertClose;
import static dev.presso.plugins.tensorcpu.Kernels.assertTensorError;
import static dev.presso.plugins.tensorcpu.Kernels.floats;
import static dev.presso.plugins.tensorcpu.Kernels.random;
import static dev.presso.plugins.tensorcpu.Kernels.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.HashSpec;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.plugins.tensorcpu.Kernels;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexKernelsTest {
    private final TensorBackend backend = Kernels.open();

    @AfterAll
    void close() {
        backend.close();
    }

    @Test
    void gatherCopiesRowsAndScatterAddAccumulatesThemBack() {
        int v = 5;
        int d = 172;
        float[] table = random(1, v * d, 1.0);
        int[] idx = {4, 0, 4, 2, 2, 2};
        try (DeviceArray t = floats(backend, table, v, d);
                DeviceArray i = backend.fromInts(idx, Shape.of(2, 3));
                DeviceArray out = zeros(backend, 2, 3, d);
                DeviceArray grad = zeros(backend, v, d)) {
            backend.gather(t, i, out);
            float[] rows = backend.toFloats(out);
            for (int r = 0; r < idx.length; r++) {
                assertArrayEquals(Arrays.copyOfRange(table, idx[r] * d, idx[r] * d + d),
                        Arrays.copyOfRange(rows, r * d, r * d + d));
            }
            backend.scatterAdd(out, i, grad);
            double[] expected = new double[v * d];
            for (int r = 0; r < idx.length; r++) {
                for (int j = 0; j < d; j++) {
                    expected[idx[r] * d + j] += table[idx[r] * d + j];
                }
            }
            assertClose(expected, backend.toFloats(grad), 1e-6, 0, "scatterAdd");
        }
    }

    @Test
    void outOfRangeIndicesAreNamed() {
        try (DeviceArray t = zeros(backend, 3, 2);
                DeviceArray i = backend.fromInts(new int[] {0, 3}, Shape.of(2));
                DeviceArray out = zeros(backend, 2, 2)) {
            assertTensorError("gather", () -> backend.gather(t, i, out), "indices[1] = 3",
                    "[0, 3)");
            assertTensorError("scatterAdd", () -> backend.scatterAdd(out, i, t), "indices[1] = 3");
            assertArrayEquals(new float[6], backend.toFloats(t), "nothing written on error");
        }
    }

    @Test
    void hashGatherAndScatterUseTheSpecExactly() {
        checkHash(new HashSpec(42), 13, 7, 9);
        checkHash(new HashSpec(-7), 1009, 130, 257);
        checkHash(new HashSpec(0), 1, 3, 3);
    }

    private void checkHash(HashSpec spec, int p, int rows, int cols) {
        float[] theta = random(3, p, 1.0);
        float[] dense = random(4, rows * cols, 1.0);
        double[] gathered = new double[rows * cols];
        double[] scattered = new double[p];
        for (int k = 0; k < rows * cols; k++) {
            gathered[k] = theta[spec.bucket(k, p)] * spec.sign(k);
            scattered[spec.bucket(k, p)] += spec.sign(k) * dense[k];
        }
        try (DeviceArray t = floats(backend, theta, p); DeviceArray w = zeros(backend, rows, cols);
                DeviceArray g = floats(backend, dense, rows, cols);
                DeviceArray acc = zeros(backend, p)) {
            backend.hashGather(t, spec, w);
            assertClose(gathered, backend.toFloats(w), 0, 0, "hashGather");
            backend.hashScatterAdd(g, spec, acc);
            assertClose(scattered, backend.toFloats(acc), 1e-6, 1e-6, "hashScatterAdd");
        }
    }

    @Test
    void topKOrdersLargestFirstWithLowerIndexOnTiesAndNaNLargest() {
        float[] x = {3, 1, 3, Float.NaN, 2, Float.NaN, -1, 3};
        try (DeviceArray in = floats(backend, x, 1, 8); DeviceArray values = zeros(backend, 1, 5);
                DeviceArray indices = backend.allocate(DType.I32, Shape.of(1, 5))) {
            backend.topK(in, 5, values, indices);
            assertArrayEquals(new int[] {3, 5, 0, 2, 7}, backend.toInts(indices));
            assertArrayEquals(new float[] {Float.NaN, Float.NaN, 3, 3, 3},
                    backend.toFloats(values));
            assertTensorError("topK", () -> backend.topK(in, 9, values, indices), "k = 9",
                    "1 <= k <= 8");
        }
    }

    @Test
    void topKMatchesAFullSortOnRandomRows() {
        int rows = 4;
        int n = 172;
        float[] x = random(11, rows * n, 1.0);
        for (int i = 0; i < x.length; i += 5) {
            x[i] = Math.round(x[i] * 4) / 4f;   // many ties
        }
        for (int k : new int[] {1, 7, 172}) {
            int[] expected = new int[rows * k];
            for (int r = 0; r < rows; r++) {
                int base = r * n;
                int[] order = IntStream.range(0, n).boxed()
                        .sorted(Comparator.<Integer>comparingDouble(j -> -x[base + j])
                                .thenComparingInt(j -> j))
                        .mapToInt(Integer::intValue).toArray();
                System.arraycopy(order, 0, expected, r * k, k);
            }
            try (DeviceArray in = floats(backend, x, rows, n);
                    DeviceArray values = zeros(backend, rows, k);
                    DeviceArray indices = backend.allocate(DType.I32, Shape.of(rows, k))) {
                backend.topK(in, k, values, indices);
                assertArrayEquals(expected, backend.toInts(indices), "k=" + k);
            }
        }
    }
}
