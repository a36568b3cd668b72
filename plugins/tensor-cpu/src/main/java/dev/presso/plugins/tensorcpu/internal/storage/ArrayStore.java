package dev.presso.plugins.tensorcpu.internal.storage;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.MemoryStats;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import java.lang.foreign.MemorySegment;

/**
 * One backend's array factory: allocation, host transfers, views, accounting, and the check that
 * an array handed to a kernel belongs to this backend and is still open. Thread-safe.
 */
public final class ArrayStore {
    /** The largest element count a heap array can index. */
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final MemoryLedger ledger = new MemoryLedger();
    private volatile boolean closed;

    /** Allocates a zero-filled array. */
    public CpuArray allocate(DType dtype, Shape shape) {
        requireOpen("allocate");
        int elements = elementCount("allocate", dtype, shape);
        Object data = HostTransfer.newData(dtype, elements);
        Storage storage = new Storage(ledger, data, dtype.bytesFor(elements));
        return new CpuArray(ledger, storage, dtype, shape);
    }

    /** Copies host memory into a new array. */
    public CpuArray upload(MemorySegment source, DType dtype, Shape shape) {
        requireOpen("upload");
        int elements = elementCount("upload", dtype, shape);
        long bytes = dtype.bytesFor(elements);
        if (source.byteSize() < bytes) {
            throw new TensorException("upload", "source holds " + source.byteSize() + " bytes; a "
                    + dtype + " array of shape " + shape + " needs " + bytes);
        }
        CpuArray array = allocate(dtype, shape);
        HostTransfer.copyIn(source, array.data(), dtype, elements);
        return array;
    }

    /** Copies an array's elements into host memory. */
    public void download(DeviceArray source, MemorySegment target) {
        CpuArray array = resolve("download", "source", source);
        if (target.isReadOnly()) {
            throw new TensorException("download", "the target segment is read-only");
        }
        if (target.byteSize() < array.byteSize()) {
            throw new TensorException("download", "target holds " + target.byteSize()
                    + " bytes; the " + array.dtype() + " array of shape " + array.shape()
                    + " needs " + array.byteSize());
        }
        HostTransfer.copyOut(array.data(), array.dtype(), array.size(), target);
    }

    /** Returns a new array of another shape sharing {@code base}'s storage. */
    public CpuArray view(DeviceArray base, Shape shape) {
        CpuArray array = resolve("view", "base", base);
        if (shape.size() != array.shape().size()) {
            throw new TensorException("view", "base has shape " + array.shape() + " ("
                    + array.shape().size() + " elements); shape " + shape + " has "
                    + shape.size() + " elements, expected the same count");
        }
        if (!array.storage().retain()) {
            throw new TensorException("view", "base " + array + " was used after close");
        }
        return new CpuArray(ledger, array.storage(), array.dtype(), shape);
    }

    /** Returns a snapshot of the memory held by open arrays. */
    public MemoryStats memoryStats() {
        return ledger.snapshot();
    }

    /**
     * Checks that an array was created by this store and is still open.
     *
     * @param op the kernel name for the error message
     * @param role the argument's name, such as {@code "x"} or {@code "out"}
     * @param array the argument
     * @return the array as a {@link CpuArray}
     */
    public CpuArray resolve(String op, String role, DeviceArray array) {
        requireOpen(op);
        if (!(array instanceof CpuArray cpu) || !cpu.isOwnedBy(ledger)) {
            throw new TensorException(op, role + " (" + array.getClass().getName() + " on "
                    + array.device() + ") was not created by this cpu backend; copy it through "
                    + "host memory first");
        }
        if (cpu.isClosed()) {
            throw new TensorException(op, role + " (" + cpu.dtype() + " " + cpu.shape()
                    + ") is closed");
        }
        return cpu;
    }

    /** Marks the store closed; later calls fail. Open arrays stay readable by nobody. */
    public void close() {
        closed = true;
    }

    private void requireOpen(String op) {
        if (closed) {
            throw new TensorException(op, "the cpu backend is closed");
        }
    }

    private static int elementCount(String op, DType dtype, Shape shape) {
        long size = shape.size();
        if (size > MAX_ELEMENTS) {
            throw new TensorException(op, "shape " + shape + " has " + size + " elements; the cpu "
                    + "backend holds at most " + MAX_ELEMENTS + " per array (" + dtype + ")");
        }
        return (int) size;
    }
}
