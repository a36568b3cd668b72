package dev.presso.plugins.tensorcpu.internal.storage;

import dev.presso.kernel.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Creates storage arrays per dtype and copies them to and from host memory in native order. */
final class HostTransfer {
    private HostTransfer() {}

    /** Returns a zeroed primitive array holding {@code elements} elements of {@code dtype}. */
    static Object newData(DType dtype, int elements) {
        return switch (dtype) {
            case F32 -> new float[elements];
            case I32 -> new int[elements];
            case F16, BF16 -> new short[elements];
            case I8, U8, I4, I2, I1 -> new byte[Math.toIntExact(dtype.bytesFor(elements))];
        };
    }

    /** Copies {@code dtype.bytesFor(elements)} bytes from the start of {@code source}. */
    static void copyIn(MemorySegment source, Object data, DType dtype, int elements) {
        int count = storedUnits(dtype, elements);
        MemorySegment.copy(source, layout(dtype), 0L, data, 0, count);
    }

    /** Copies the storage array to the start of {@code target}. */
    static void copyOut(Object data, DType dtype, int elements, MemorySegment target) {
        int count = storedUnits(dtype, elements);
        MemorySegment.copy(data, 0, target, layout(dtype), 0L, count);
    }

    private static int storedUnits(DType dtype, int elements) {
        return dtype.isPacked() ? Math.toIntExact(dtype.bytesFor(elements)) : elements;
    }

    private static ValueLayout layout(DType dtype) {
        return switch (dtype) {
            case F32 -> ValueLayout.JAVA_FLOAT_UNALIGNED;
            case I32 -> ValueLayout.JAVA_INT_UNALIGNED;
            case F16, BF16 -> ValueLayout.JAVA_SHORT_UNALIGNED;
            case I8, U8, I4, I2, I1 -> ValueLayout.JAVA_BYTE;
        };
    }
}
