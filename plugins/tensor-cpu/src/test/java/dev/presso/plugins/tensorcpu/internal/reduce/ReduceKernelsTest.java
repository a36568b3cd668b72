package dev.presso.plugins.tensorcpu.internal.reduce;

import static dev.presso.plugins.tensorcpu.Kernels.assertClose;
import static dev.presso.plugins.tensorcpu.Kernels.assertTensorError;
import static dev.presso.plugins.tensorcpu.Kernels.floats;
import static dev.presso.plugins.tensorcpu.Kernels.random;
import static dev.presso.plugins.tensorcpu.Kernels.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.plugins.tensorcpu.Kernels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReduceKernelsTest {
    private final TensorBackend backend = Kernels.open();

    @AfterAll
    void close() {
        backend.close();
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reducesAnyCombinationOfAxes(ReduceOp op) {
        long[][][] cases = {
            {{172}, {1}}, {{5, 172}, {5, 1}}, {{5, 172}, {1, 172}}, {{5, 172}, {1, 1}},
            {{3, 4, 5}, {3, 1, 5}}, {{3, 4, 5}, {1, 4, 1}}, {{2, 3, 4, 5}, {2, 1, 4, 1}},
            {{1, 17}, {1, 1}}, {{600, 300}, {600, 1}}, {{600, 300}, {1, 300}}, {{}, {}},
            {{4, 1, 3}, {1, 1, 3}}};
        for (long[][] c : cases) {
            check(op, Shape.of(c[0]), Shape.of(c[1]));
        }
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void nanInAReducedElementMakesTheResultNaN(ReduceOp op) {
        try (DeviceArray x = floats(backend, new float[] {1, Float.NaN, 3, 4, 5, 6}, 2, 3);
                DeviceArray rows = zeros(backend, 2, 1); DeviceArray cols = zeros(backend, 1, 3)) {
            backend.reduce(op, x, rows);
            float[] r = backend.toFloats(rows);
            assertEquals(Float.NaN, r[0]);
            assertEquals(false, Float.isNaN(r[1]), "second row has no NaN");
            backend.reduce(op, x, cols);
            float[] c = backend.toFloats(cols);
            assertEquals(Float.NaN, c[1]);
            assertEquals(false, Float.isNaN(c[0]) || Float.isNaN(c[2]));
        }
    }

    @Test
    void reduceRejectsShapesThatAreNotKeptOrOne() {
        try (DeviceArray x = zeros(backend, 3, 4); DeviceArray out = zeros(backend, 3, 2)) {
            assertTensorError("reduce SUM", () -> backend.reduce(ReduceOp.SUM, x, out),
                    "[3, 2]", "[3, 4]", "equal to x's or 1");
        }
        try (DeviceArray x = zeros(backend, 3, 4); DeviceArray out = zeros(backend, 3)) {
            assertTensorError("reduce MAX", () -> backend.reduce(ReduceOp.MAX, x, out), "rank");
        }
    }

    @Test
    void argMaxTakesTheFirstOnTiesAndTheFirstNaN() {
        float[] x = {1, 3, 3, 2, 5, Float.NaN, 7, Float.NaN, -1, -1, -1, -1};
        try (DeviceArray in = floats(backend, x, 3, 4);
                DeviceArray out = backend.allocate(DType.I32, Shape.of(3))) {
            backend.argMax(in, out);
            assertArrayEquals(new int[] {1, 1, 0}, backend.toInts(out));
        }
        float[] big = random(9, 3 * 172, 1.0);
        big[172 + 99] = 5f;
        big[172 + 150] = 5f;
        try (DeviceArray in = floats(backend, big, 3, 172);
                DeviceArray out = backend.allocate(DType.I32, Shape.of(3))) {
            backend.argMax(in, out);
            assertEquals(99, backend.toInts(out)[1]);
        }
    }

    @Test
    void argMaxChecksItsOutput() {
        try (DeviceArray in = zeros(backend, 3, 4); DeviceArray wrong = zeros(backend, 3)) {
            assertTensorError("argMax", () -> backend.argMax(in, wrong), "out", "F32", "I32");
        }
    }

    private void check(ReduceOp op, Shape xs, Shape os) {
        float[] x = random(xs.size(), (int) xs.size(), 2.0);
        double[] expected = reference(op, x, xs, os);
        try (DeviceArray in = backend.fromFloats(x, xs);
                DeviceArray out = backend.allocate(DType.F32, os)) {
            backend.reduce(op, in, out);
            assertClose(expected, backend.toFloats(out), 1e-5, 1e-5, op + " " + xs + "->" + os);
        }
    }

    private static double[] reference(ReduceOp op, float[] x, Shape xs, Shape os) {
        int outSize = (int) os.size();
        double[] acc = new double[outSize];
        int[] counts = new int[outSize];
        java.util.Arrays.fill(acc, op == ReduceOp.MAX ? Double.NEGATIVE_INFINITY
                : op == ReduceOp.MIN ? Double.POSITIVE_INFINITY : 0);
        for (int i = 0; i < x.length; i++) {
            int rest = i;
            int o = 0;
            int stride = 1;
            for (int axis = xs.rank() - 1; axis >= 0; axis--) {
                int c = (int) (rest % xs.dim(axis));
                rest /= (int) xs.dim(axis);
                o += (os.dim(axis) == 1 ? 0 : c) * stride;
                stride *= (int) os.dim(axis);
            }
            counts[o]++;
            acc[o] = switch (op) {
                case SUM, MEAN -> acc[o] + x[i];
                case MAX -> Math.max(acc[o], x[i]);
                case MIN -> Math.min(acc[o], x[i]);
            };
        }
        if (op == ReduceOp.MEAN) {
            for (int o = 0; o < outSize; o++) {
                acc[o] /= counts[o];
            }
        }
        return acc;
    }
}
