package dev.presso.plugins.tensorcpu.internal.layout;

import static dev.presso.plugins.tensorcpu.Kernels.assertTensorError;
import static dev.presso.plugins.tensorcpu.Kernels.floats;
import static dev.presso.plugins.tensorcpu.Kernels.random;
import static dev.presso.plugins.tensorcpu.Kernels.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.plugins.tensorcpu.Kernels;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LayoutKernelsTest {
    private final TensorBackend backend = Kernels.open();

    @AfterAll
    void close() {
        backend.close();
    }

    @Test
    void copyMovesRawElementsBetweenShapesOfEqualSize() {
        try (DeviceArray a = floats(backend, new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
                DeviceArray b = zeros(backend, 3, 2)) {
            backend.copy(a, b);
            assertArrayEquals(backend.toFloats(a), backend.toFloats(b));
        }
        byte[] codes = {0x12, 0x34, 0x05};
        try (DeviceArray a = backend.upload(MemorySegment.ofArray(codes), DType.I4, Shape.of(5));
                DeviceArray b = backend.allocate(DType.I4, Shape.of(5, 1))) {
            backend.copy(a, b);
            assertArrayEquals(codes, backend.toBytes(b));
        }
        try (DeviceArray a = zeros(backend, 4); DeviceArray b = zeros(backend, 5);
                DeviceArray c = backend.allocate(DType.I32, Shape.of(4))) {
            assertTensorError("copy", () -> backend.copy(a, b), "4 elements", "5");
            assertTensorError("copy", () -> backend.copy(a, c), "I32", "F32");
        }
    }

    @Test
    void permuteMatchesAnIndexReference() {
        int[][] perms = {{1, 0}, {0, 2, 1, 3}, {3, 1, 0, 2}, {2, 0, 1}, {0, 1, 2}};
        long[][] shapes = {{67, 172}, {2, 3, 5, 7}, {2, 1, 17, 3}, {40, 33, 5}, {2, 3, 4}};
        for (int c = 0; c < perms.length; c++) {
            check(Shape.of(shapes[c]), perms[c]);
        }
        check(Shape.of(520, 300), new int[] {1, 0});
    }

    @Test
    void permuteWorksForEveryUnpackedDtypeAndRejectsBadAxes() {
        try (DeviceArray x = backend.fromInts(new int[] {1, 2, 3, 4, 5, 6}, Shape.of(2, 3));
                DeviceArray y = backend.allocate(DType.I32, Shape.of(3, 2))) {
            backend.permute(x, new int[] {1, 0}, y);
            assertArrayEquals(new int[] {1, 4, 2, 5, 3, 6}, backend.toInts(y));
            assertTensorError("permute", () -> backend.permute(x, new int[] {0, 0}, y),
                    "[0, 0]", "permutation of 0..1");
            assertTensorError("permute", () -> backend.permute(x, new int[] {0, 1}, y),
                    "out has shape [3, 2], expected [2, 3]");
        }
    }

    @Test
    void copySliceSlicesConcatenatesAndPads() {
        float[] x = random(1, 4 * 10, 1.0);
        try (DeviceArray src = floats(backend, x, 4, 10); DeviceArray dst = zeros(backend, 4, 12)) {
            backend.copySlice(src, dst, -1, 3, 5, 6);
            float[] y = backend.toFloats(dst);
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 12; c++) {
                    float expected = c >= 5 && c < 11 ? x[r * 10 + c - 5 + 3] : 0f;
                    if (y[r * 12 + c] != expected) {
                        throw new AssertionError("row " + r + " col " + c);
                    }
                }
            }
            assertTensorError("copySlice", () -> backend.copySlice(src, dst, 1, 8, 0, 3),
                    "out of bounds");
        }
        try (DeviceArray src = floats(backend, new float[] {1, 2, 3, 4}, 2, 2);
                DeviceArray dst = zeros(backend, 5, 2)) {
            backend.copySlice(src, dst, 0, 0, 3, 2);
            assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 1, 2, 3, 4}, backend.toFloats(dst));
            try (DeviceArray wrong = zeros(backend, 5, 3)) {
                assertTensorError("copySlice", () -> backend.copySlice(src, wrong, 0, 0, 0, 1),
                        "differ on axis 1");
            }
        }
    }

    private void check(Shape shape, int[] axes) {
        int n = (int) shape.size();
        float[] x = random(n, n, 1.0);
        long[] outDims = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            outDims[i] = shape.dim(axes[i]);
        }
        Shape outShape = Shape.of(outDims);
        float[] expected = new float[n];
        int[] coordinate = new int[axes.length];
        for (int o = 0; o < n; o++) {
            int rest = o;
            for (int i = axes.length - 1; i >= 0; i--) {
                coordinate[axes[i]] = (int) (rest % outDims[i]);
                rest /= (int) outDims[i];
            }
            int src = 0;
            for (int j = 0; j < axes.length; j++) {
                src = src * (int) shape.dim(j) + coordinate[j];
            }
            expected[o] = x[src];
        }
        try (DeviceArray in = backend.fromFloats(x, shape);
                DeviceArray out = backend.allocate(DType.F32, outShape)) {
            backend.permute(in, axes, out);
            assertArrayEquals(expected, backend.toFloats(out), shape + " by "
                    + java.util.Arrays.toString(axes));
        }
    }
}
