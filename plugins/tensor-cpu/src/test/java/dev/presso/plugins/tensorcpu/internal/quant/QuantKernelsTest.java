package dev.presso.plugins.tensorcpu.internal.quant;

import static dev.presso.plugins.tensorcpu.Kernels.assertClose;
import static dev.presso.plugins.tensorcpu.Kernels.assertTensorError;
import static dev.presso.plugins.tensorcpu.Kernels.floats;
import static dev.presso.plugins.tensorcpu.Kernels.random;
import static dev.presso.plugins.tensorcpu.Kernels.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
class QuantKernelsTest {
    private final TensorBackend backend = Kernels.open();

    @AfterAll
    void close() {
        backend.close();
    }

    @Test
    void floatToHalfFormatsRoundsToNearestEven() {
        float tieDown = 1f + 0x1p-8f;
        float tieUp = 1f + 0x1p-7f + 0x1p-8f;
        float[] x = {1f, 65504f, 65520f, 2049f, Float.NaN, tieDown, tieUp, -0f, 1e-8f};
        short[] bf16 = shorts(cast(floats(backend, x, x.length), DType.BF16));
        assertEquals(1f, HalfFloats.fromBf16(bf16[5]));
        assertEquals(1f + 0x1p-6f, HalfFloats.fromBf16(bf16[6]));
        assertEquals(Float.NaN, HalfFloats.fromBf16(bf16[4]));
        short[] f16 = shorts(cast(floats(backend, x, x.length), DType.F16));
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToFloat16(x[i]), f16[i], "f16 of " + x[i]);
        }
        assertEquals(Float.POSITIVE_INFINITY, Float.float16ToFloat(f16[2]));
        assertEquals(2048f, Float.float16ToFloat(f16[3]));
    }

    @Test
    void intToBf16RoundsOnceEvenAboveTwoToThe24() {
        int value = (1 << 24) + (1 << 16) + 1;   // just above a bf16 tie; float rounding hides it
        try (DeviceArray in = backend.fromInts(new int[] {value}, Shape.of(1))) {
            short[] bits = shorts(cast(in, DType.BF16));
            assertEquals((float) ((1 << 24) + (1 << 17)), HalfFloats.fromBf16(bits[0]));
        }
    }

    @Test
    void floatToIntegerRoundsHalfEvenSaturatesAndMapsNaNToZero() {
        float[] x = {2.5f, 3.5f, -2.5f, 300f, -300f, Float.NaN, 1e10f, Float.NEGATIVE_INFINITY};
        try (DeviceArray in = floats(backend, x, x.length)) {
            assertArrayEquals(new int[] {2, 4, -2, 300, -300, 0, Integer.MAX_VALUE,
                Integer.MIN_VALUE}, backend.toInts(cast(in, DType.I32)));
            assertArrayEquals(new byte[] {2, 4, -2, 127, -128, 0, 127, -128},
                    backend.toBytes(cast(in, DType.I8)));
            assertArrayEquals(new byte[] {2, 4, 0, (byte) 255, 0, 0, (byte) 255, 0},
                    backend.toBytes(cast(in, DType.U8)));
        }
    }

    @Test
    void integersConvertExactlyAndSaturateBetweenThemselves() {
        try (DeviceArray in = backend.fromInts(new int[] {1000, -1000, 5, -128}, Shape.of(4))) {
            DeviceArray i8 = cast(in, DType.I8);
            assertArrayEquals(new byte[] {127, -128, 5, -128}, backend.toBytes(i8));
            assertArrayEquals(new float[] {127, -128, 5, -128},
                    backend.toFloats(cast(i8, DType.F32)));
            DeviceArray u8 = cast(in, DType.U8);
            assertArrayEquals(new float[] {255, 0, 5, 0}, backend.toFloats(cast(u8, DType.F32)));
        }
        try (DeviceArray packed = backend.allocate(DType.I4, Shape.of(2));
                DeviceArray out = zeros(backend, 2)) {
            assertTensorError("cast", () -> backend.cast(packed, out), "I4");
        }
    }

    @Test
    void quantizePacksCodesLittleEndianAndDequantizeInvertsThem() {
        int rows = 3;
        int cols = 12;
        int groups = 3;
        float[] x = random(5, rows * cols, 2.0);
        float[] scales = {0.25f, 0.5f, 0f, 0.1f, 0.3f, 1f, 0.2f, 0.05f, 0.7f};
        float[] zeros = {7.5f, 8f, 5.5f, 0f, 3f, 15f, 2f, 1f, 20f};
        for (DType dtype : new DType[] {DType.I1, DType.I2, DType.I4, DType.U8}) {
            int max = (1 << dtype.bits()) - 1;
            int[] expected = new int[rows * cols];
            double[] restored = new double[rows * cols];
            for (int i = 0; i < expected.length; i++) {
                int g = (i / cols) * groups + (i % cols) / (cols / groups);
                double q = scales[g] == 0 ? Math.rint(zeros[g])
                        : Math.rint((double) x[i] / scales[g] + zeros[g]);
                expected[i] = (int) Math.min(Math.max(q, 0), max);
                restored[i] = (expected[i] - zeros[g]) * scales[g];
            }
            try (DeviceArray in = floats(backend, x, rows, cols);
                    DeviceArray s = floats(backend, scales, rows, groups);
                    DeviceArray z = floats(backend, zeros, rows, groups);
                    DeviceArray codes = backend.allocate(dtype, Shape.of(rows, cols));
                    DeviceArray back = zeros(backend, rows, cols)) {
                backend.quantize(in, s, z, codes);
                byte[] bytes = backend.toBytes(codes);
                int perByte = 8 / dtype.bits();
                for (int i = 0; i < expected.length; i++) {
                    int code = ((bytes[i / perByte] & 0xFF) >>> ((i % perByte) * dtype.bits()))
                            & max;
                    assertEquals(expected[i], code, dtype + " element " + i);
                }
                backend.dequantize(codes, s, z, back);
                assertClose(restored, backend.toFloats(back), 1e-6, 1e-6, dtype + " restored");
                try (DeviceArray codesOnly = backend.upload(MemorySegment.ofArray(bytes), dtype,
                        Shape.of(rows, cols))) {
                    backend.dequantize(codesOnly, s, z, back);
                    assertClose(restored, backend.toFloats(back), 1e-6, 1e-6, dtype + " uploaded");
                }
            }
        }
    }

    @Test
    void quantizeNeedsGroupsThatDivideTheColumns() {
        try (DeviceArray x = zeros(backend, 2, 10); DeviceArray s = zeros(backend, 2, 3);
                DeviceArray codes = backend.allocate(DType.I4, Shape.of(2, 10))) {
            assertTensorError("quantize", () -> backend.quantize(x, s, s, codes),
                    "scales [2, 3]", "G dividing 10");
            assertTensorError("quantize", () -> backend.quantize(x, s, s, x), "out", "F32",
                    "I1, I2, I4, U8");
        }
    }

    private DeviceArray cast(DeviceArray x, DType dtype) {
        DeviceArray out = backend.allocate(dtype, x.shape());
        backend.cast(x, out);
        return out;
    }

    private short[] shorts(DeviceArray halfs) {
        byte[] bytes = backend.toBytes(halfs);
        short[] out = new short[bytes.length / 2];
        MemorySegment.ofArray(out).copyFrom(MemorySegment.ofArray(bytes));
        return out;
    }
}
