package dev.presso.plugins.tensorcpu.internal.storage;

import static dev.presso.plugins.tensorcpu.Kernels.assertTensorError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Device;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.MemoryStats;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.UnaryOp;
import dev.presso.plugins.tensorcpu.Kernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ArrayStoreTest {
    private TensorBackend backend;

    @BeforeEach
    void open() {
        backend = Kernels.open();
    }

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void allocatesZeroFilledArraysOfEveryDtypeWithExactByteSizes() {
        for (DType dtype : EnumSet.allOf(DType.class)) {
            try (DeviceArray a = backend.allocate(dtype, Shape.of(3, 7))) {
                assertEquals(dtype, a.dtype());
                assertEquals(Shape.of(3, 7), a.shape());
                assertEquals(Device.cpu(), a.device());
                assertEquals(dtype.bytesFor(21), a.byteSize());
                byte[] bytes = backend.toBytes(a);
                assertEquals(a.byteSize(), bytes.length);
                for (byte b : bytes) {
                    assertEquals(0, b, dtype + " is not zero-filled");
                }
            }
        }
    }

    @Test
    void uploadAndDownloadRoundTripThroughHeapAndNativeSegments() {
        float[] values = {1.5f, -2f, Float.NaN, 3e-20f, Float.NEGATIVE_INFINITY};
        try (DeviceArray a = backend.fromFloats(values, Shape.of(5))) {
            assertArrayEquals(values, backend.toFloats(a));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment native32 = arena.allocate(4 * 3);
            for (int i = 0; i < 3; i++) {
                native32.setAtIndex(ValueLayout.JAVA_INT, i, 100 - i);
            }
            try (DeviceArray a = backend.upload(native32, DType.I32, Shape.of(3))) {
                assertArrayEquals(new int[] {100, 99, 98}, backend.toInts(a));
                MemorySegment back = arena.allocate(12);
                backend.download(a, back);
                assertEquals(98, back.getAtIndex(ValueLayout.JAVA_INT, 2));
            }
        }
        byte[] packed = {(byte) 0x21, (byte) 0x03};   // I4 codes 1, 2, 3 (+ padding)
        try (DeviceArray a = backend.upload(MemorySegment.ofArray(packed), DType.I4, Shape.of(3))) {
            assertArrayEquals(packed, backend.toBytes(a));
        }
    }

    @Test
    void uploadAndDownloadRejectTooSmallSegments() {
        assertTensorError("upload", () -> backend.upload(MemorySegment.ofArray(new float[3]),
                DType.F32, Shape.of(4)), "12 bytes", "[4]", "16");
        try (DeviceArray a = backend.allocate(DType.F32, Shape.of(4))) {
            assertTensorError("download", () -> backend.download(a,
                    MemorySegment.ofArray(new byte[15])), "15 bytes", "16");
        }
    }

    @Test
    void viewsAliasTheirBaseAndKeepStorageAliveUntilAllAreClosed() {
        DeviceArray base = backend.fromFloats(new float[] {1, 2, 3, 4, 5, 6}, Shape.of(6));
        DeviceArray view = backend.view(base, Shape.of(2, 3));
        MemoryStats stats = backend.memoryStats();
        assertEquals(24, stats.liveBytes(), "shared storage is counted once");
        assertEquals(2, stats.liveArrays());
        backend.fill(view, 7f);
        assertArrayEquals(new float[] {7, 7, 7, 7, 7, 7}, backend.toFloats(base));
        base.close();
        assertTrue(base.isClosed());
        assertFalse(view.isClosed());
        assertEquals(7f, backend.toFloats(view)[5]);
        assertEquals(24, backend.memoryStats().liveBytes());
        view.close();
        view.close();
        MemoryStats after = backend.memoryStats();
        assertEquals(new MemoryStats(0, after.peakBytes(), 0), after);
        assertTrue(after.peakBytes() >= 24);
    }

    @Test
    void viewOfAnotherSizeIsRefused() {
        try (DeviceArray base = backend.allocate(DType.F32, Shape.of(6))) {
            assertTensorError("view", () -> backend.view(base, Shape.of(4, 2)), "[6]", "[4, 2]");
        }
    }

    @Test
    void usingAClosedArrayIsATensorException() {
        DeviceArray a = backend.allocate(DType.F32, Shape.of(2));
        a.close();
        assertTensorError("download", () -> backend.toFloats(a), "closed");
        assertTensorError("fill", () -> backend.fill(a, 1f), "closed");
        assertTensorError("view", () -> backend.view(a, Shape.of(2)), "closed");
    }

    @Test
    void arraysOfOtherBackendsAreRefused() {
        try (TensorBackend other = Kernels.open();
                DeviceArray foreign = other.allocate(DType.F32, Shape.of(2));
                DeviceArray mine = backend.allocate(DType.F32, Shape.of(2))) {
            assertTensorError("unary NEG", () -> backend.unary(
                    UnaryOp.NEG, foreign, mine),
                    "x", "not created by this cpu backend");
            DeviceArray fake = new DeviceArray() {
                @Override public DType dtype() { return DType.F32; }
                @Override public Shape shape() { return Shape.of(2); }
                @Override public Device device() { return Device.cuda(0); }
                @Override public boolean isClosed() { return false; }
                @Override public void close() {}
            };
            assertTensorError("copy", () -> backend.copy(fake, mine), "source", "cuda:0");
        }
    }

    @Test
    void aClosedBackendRefusesWork() {
        DeviceArray a = backend.allocate(DType.F32, Shape.of(2));
        backend.close();
        assertTensorError("allocate", () -> backend.allocate(DType.F32, Shape.of(1)), "closed");
        assertTensorError("fill", () -> backend.fill(a, 1f), "closed");
    }
}
