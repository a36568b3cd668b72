package dev.presso.kernel.tensor;

import java.lang.foreign.MemorySegment;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Creating, moving and releasing a backend's arrays.
 *
 * <p>Host memory is exchanged as {@link MemorySegment}s holding elements in native (little-endian)
 * byte order, packed types as described in {@link DType}.
 *
 * @since 1.0
 */
@ConsumerType
public interface ArrayStorage {
    /**
     * Allocates a zero-filled array.
     *
     * @param dtype the element type
     * @param shape the dimensions
     * @return a new array owned by the caller
     */
    DeviceArray allocate(DType dtype, Shape shape);

    /**
     * Copies host memory into a new array.
     *
     * @param source at least {@code dtype.bytesFor(shape.size())} bytes; heap or native
     * @param dtype the element type of the bytes
     * @param shape the dimensions
     * @return a new array owned by the caller
     * @throws TensorException if {@code source} is too small
     */
    DeviceArray upload(MemorySegment source, DType dtype, Shape shape);

    /**
     * Copies an array's elements into host memory, waiting for pending kernels first.
     *
     * @param source the array to read
     * @param target at least {@code source.byteSize()} bytes
     * @throws TensorException if {@code target} is too small or {@code source} is closed
     */
    void download(DeviceArray source, MemorySegment target);

    /**
     * Returns an array with a new shape of the same size that shares {@code base}'s storage.
     *
     * <pre>{@code
     * DeviceArray m = backend.view(vector, Shape.of(3, 4));   // vector has 12 elements
     * }</pre>
     *
     * @param base the array whose storage is shared
     * @param shape the new dimensions, with {@code shape.size() == base.shape().size()}
     * @return a view owned by the caller; closing it does not invalidate {@code base}
     * @throws TensorException if the sizes differ
     */
    DeviceArray view(DeviceArray base, Shape shape);

    /**
     * Returns how much memory live arrays hold now.
     *
     * @return a snapshot, never {@code null}
     */
    MemoryStats memoryStats();

    /**
     * Copies a float array into a new {@link DType#F32} array.
     *
     * @param values the elements, row-major
     * @param shape the dimensions, whose size equals {@code values.length}
     * @return a new array owned by the caller
     */
    default DeviceArray fromFloats(float[] values, Shape shape) {
        if (values.length != shape.size()) {
            throw new TensorException("fromFloats", values.length + " values do not fill shape "
                    + shape + " of " + shape.size() + " elements");
        }
        return upload(MemorySegment.ofArray(values), DType.F32, shape);
    }

    /**
     * Copies an int array into a new {@link DType#I32} array.
     *
     * @param values the elements, row-major
     * @param shape the dimensions, whose size equals {@code values.length}
     * @return a new array owned by the caller
     */
    default DeviceArray fromInts(int[] values, Shape shape) {
        if (values.length != shape.size()) {
            throw new TensorException("fromInts", values.length + " values do not fill shape "
                    + shape + " of " + shape.size() + " elements");
        }
        return upload(MemorySegment.ofArray(values), DType.I32, shape);
    }

    /**
     * Copies an {@link DType#F32} array's elements into a new float array.
     *
     * @param source an F32 array
     * @return its elements, row-major
     */
    default float[] toFloats(DeviceArray source) {
        if (source.dtype() != DType.F32) {
            throw new TensorException("toFloats", "expected an F32 array, got " + source.dtype());
        }
        float[] out = new float[Math.toIntExact(source.shape().size())];
        download(source, MemorySegment.ofArray(out));
        return out;
    }

    /**
     * Copies an {@link DType#I32} array's elements into a new int array.
     *
     * @param source an I32 array
     * @return its elements, row-major
     */
    default int[] toInts(DeviceArray source) {
        if (source.dtype() != DType.I32) {
            throw new TensorException("toInts", "expected an I32 array, got " + source.dtype());
        }
        int[] out = new int[Math.toIntExact(source.shape().size())];
        download(source, MemorySegment.ofArray(out));
        return out;
    }

    /**
     * Copies any array's raw storage bytes into a new byte array.
     *
     * @param source the array
     * @return {@code source.byteSize()} bytes, native order
     */
    default byte[] toBytes(DeviceArray source) {
        byte[] out = new byte[Math.toIntExact(source.byteSize())];
        download(source, MemorySegment.ofArray(out));
        return out;
    }
}
