package dev.presso.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Device;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.MemoryStats;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.UnaryOp;
import dev.presso.tck.internal.Cases;
import java.lang.foreign.MemorySegment;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance of {@link dev.presso.kernel.tensor.ArrayStorage} and the array lifecycle:
 * zero-filled allocation, bit-exact upload and download for every dtype, views that share
 * storage, memory accounting, idempotent close, and clear errors for closed or foreign arrays.
 *
 * @since 1.0
 */
public interface StorageContract extends BackendContract {
    /**
     * The backend names itself and its device, and its arrays live on that device.
     *
     * @param pair the backends
     */
    @Test
    default void backendDescribesItself(BackendPair pair) {
        TensorBackend backend = pair.actual();
        assertFalse(backend.name().isBlank(), "name() must not be blank");
        assertEquals(backend.name().toLowerCase(java.util.Locale.ROOT), backend.name(), "name() must be lowercase");
        Device device = backend.device();
        try (DeviceArray a = backend.allocate(DType.F32, Shape.of(3))) {
            assertEquals(device, a.device(), "arrays live on the backend's device");
            assertEquals(DType.F32, a.dtype());
            assertEquals(Shape.of(3), a.shape());
            assertEquals(12, a.byteSize());
        }
    }

    /**
     * Allocation zero-fills arrays of every dtype and size, including empty and scalar shapes.
     *
     * @param pair the backends
     * @return one test per dtype
     */
    @TestFactory
    default Stream<DynamicTest> allocateZeroFills(BackendPair pair) {
        Cases cases = new Cases(pair);
        for (DType dtype : DType.values()) {
            for (Shape shape : new Shape[] {Shape.scalar(), Shape.of(0), Shape.of(7), Shape.of(3, 41)}) {
                cases.add("allocate " + dtype + shape, () -> {
                    try (DeviceArray a = pair.actual().allocate(dtype, shape)) {
                        assertEquals(dtype.bytesFor(shape.size()), a.byteSize());
                        byte[] bytes = pair.actual().toBytes(a);
                        assertArrayEquals(new byte[bytes.length], bytes, "allocate must zero-fill " + dtype + shape);
                    }
                });
            }
        }
        return cases.stream();
    }

    /**
     * Upload and download preserve every bit, for every dtype, from heap and native memory.
     *
     * @param pair the backends
     * @return one test per dtype
     */
    @TestFactory
    default Stream<DynamicTest> uploadAndDownloadPreserveBits(BackendPair pair) {
        Cases cases = new Cases(pair);
        for (DType dtype : DType.values()) {
            cases.add("upload and download " + dtype, () -> {
                Shape shape = Shape.of(5, 24);
                byte[] raw = new byte[Math.toIntExact(dtype.bytesFor(shape.size()))];
                for (int i = 0; i < raw.length; i++) {
                    raw[i] = (byte) pair.random().nextInt(256);
                }
                try (DeviceArray a = pair.actual().upload(MemorySegment.ofArray(raw), dtype, shape);
                        java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
                    assertArrayEquals(raw, pair.actual().toBytes(a), "heap round trip of " + dtype);
                    MemorySegment nativeCopy = arena.allocate(raw.length + 16L);
                    pair.actual().download(a, nativeCopy);
                    assertArrayEquals(raw, nativeCopy.asSlice(0, raw.length).toArray(
                            java.lang.foreign.ValueLayout.JAVA_BYTE), "download into native memory");
                    try (DeviceArray b = pair.actual().upload(nativeCopy, dtype, shape)) {
                        assertArrayEquals(raw, pair.actual().toBytes(b), "upload from native memory");
                    }
                }
            });
        }
        cases.add("fromFloats, toFloats, fromInts and toInts", () -> {
            float[] floats = {1.5f, -0f, Float.NaN, Float.MIN_VALUE, -3e38f, 7f};
            int[] ints = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 42, 7};
            try (DeviceArray f = pair.actual().fromFloats(floats, Shape.of(2, 3));
                    DeviceArray i = pair.actual().fromInts(ints, Shape.of(3, 2))) {
                assertArrayEquals(floats, pair.actual().toFloats(f));
                assertArrayEquals(ints, pair.actual().toInts(i));
            }
        });
        return cases.stream();
    }

    /**
     * Uploads from too-small sources and downloads into too-small targets are rejected.
     *
     * @param pair the backends
     */
    @Test
    default void transfersRejectTooSmallMemory(BackendPair pair) {
        TensorBackend backend = pair.actual();
        assertThrows(TensorException.class,
                () -> backend.upload(MemorySegment.ofArray(new byte[11]), DType.F32, Shape.of(3)),
                "upload of 11 bytes into F32[3]");
        try (DeviceArray a = backend.allocate(DType.F32, Shape.of(3))) {
            assertThrows(TensorException.class, () -> backend.download(a, MemorySegment.ofArray(new byte[11])),
                    "download of F32[3] into 11 bytes");
        }
    }

    /**
     * A view shares its base's storage, outlives the base's close, and must have the same size.
     *
     * @param pair the backends
     */
    @Test
    default void viewsShareStorage(BackendPair pair) {
        TensorBackend backend = pair.actual();
        DeviceArray base = backend.fromFloats(new float[] {1, 2, 3, 4, 5, 6}, Shape.of(6));
        DeviceArray view = backend.view(base, Shape.of(2, 3));
        try {
            assertEquals(Shape.of(2, 3), view.shape());
            backend.unary(UnaryOp.NEG, view, view);
            assertArrayEquals(new float[] {-1, -2, -3, -4, -5, -6}, backend.toFloats(base),
                    "a write through the view is visible in the base");
            base.close();
            assertTrue(base.isClosed());
            assertFalse(view.isClosed(), "closing the base leaves the view open");
            assertArrayEquals(new float[] {-1, -2, -3, -4, -5, -6}, backend.toFloats(view),
                    "the view still reads the storage after the base closed");
            assertThrows(TensorException.class, () -> backend.view(view, Shape.of(4)),
                    "a view of another element count");
        } finally {
            view.close();
            base.close();
        }
    }

    /**
     * Memory statistics count live arrays and bytes; closing (twice) returns them to where they
     * were, and the peak never falls below the live bytes.
     *
     * @param pair the backends
     */
    @Test
    default void memoryStatsTrackLiveArrays(BackendPair pair) {
        TensorBackend backend = pair.actual();
        MemoryStats start = backend.memoryStats();
        DeviceArray a = backend.allocate(DType.F32, Shape.of(1000));
        DeviceArray v = backend.view(a, Shape.of(10, 100));
        MemoryStats during = backend.memoryStats();
        assertTrue(during.liveBytes() >= start.liveBytes() + 4000,
                "4000 more live bytes expected: " + start + " -> " + during);
        assertEquals(start.liveArrays() + 2, during.liveArrays(), "an array and its view are two live arrays");
        assertTrue(during.peakBytes() >= during.liveBytes(), "peak below live: " + during);
        a.close();
        a.close();
        v.close();
        v.close();
        MemoryStats end = backend.memoryStats();
        assertEquals(start.liveBytes(), end.liveBytes(), "closing every array releases its bytes: " + end);
        assertEquals(start.liveArrays(), end.liveArrays(), "closing twice counts once: " + end);
        assertTrue(end.peakBytes() >= during.liveBytes(), "the peak remembers: " + end);
    }

    /**
     * Using a closed array is a {@link TensorException}, never undefined behaviour.
     *
     * @param pair the backends
     */
    @Test
    default void closedArraysAreRejected(BackendPair pair) {
        TensorBackend backend = pair.actual();
        DeviceArray x = backend.allocate(DType.F32, Shape.of(4));
        DeviceArray out = backend.allocate(DType.F32, Shape.of(4));
        x.close();
        try {
            assertTrue(x.isClosed());
            assertThrows(TensorException.class, () -> backend.unary(UnaryOp.EXP, x, out), "unary on a closed input");
            assertThrows(TensorException.class, () -> backend.unary(UnaryOp.EXP, out, x), "unary into a closed output");
            assertThrows(TensorException.class, () -> backend.toFloats(x), "download of a closed array");
            assertThrows(TensorException.class, () -> backend.view(x, Shape.of(2, 2)), "view of a closed array");
        } finally {
            out.close();
        }
    }

    /**
     * Arrays of another backend, or of no backend at all, are refused.
     *
     * @param pair the backends
     */
    @Test
    default void foreignArraysAreRejected(BackendPair pair) {
        TensorBackend backend = pair.actual();
        DeviceArray fake = new DeviceArray() {
            @Override
            public DType dtype() {
                return DType.F32;
            }

            @Override
            public Shape shape() {
                return Shape.of(4);
            }

            @Override
            public Device device() {
                return backend.device();
            }

            @Override
            public boolean isClosed() {
                return false;
            }

            @Override
            public void close() {}
        };
        try (DeviceArray out = backend.allocate(DType.F32, Shape.of(4));
                DeviceArray other = pair.reference().allocate(DType.F32, Shape.of(4))) {
            assertThrows(TensorException.class, () -> backend.unary(UnaryOp.EXP, fake, out),
                    "an array implemented by nobody");
            assertThrows(TensorException.class, () -> backend.unary(UnaryOp.EXP, other, out),
                    "an array of the reference backend");
        }
    }
}
