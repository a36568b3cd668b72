package dev.presso.plugins.tensorcuda.internal.backend;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Device;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.MemoryStats;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcuda.internal.driver.CudaDriver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One backend's arrays: allocation, host transfers, views, accounting, and the check that an
 * array handed to a kernel belongs to this backend and is still open. Host memory that is not
 * native (heap segments) goes through a native staging buffer. Thread-safe.
 */
final class ArrayRegistry {
    private final DeviceSession session;
    private final Device device;
    private final MemoryLedger ledger = new MemoryLedger();
    private volatile boolean closed;

    ArrayRegistry(DeviceSession session) {
        this.session = session;
        this.device = Device.cuda(session.ordinal());
    }

    MemoryLedger ledger() {
        return ledger;
    }

    /** Allocates a zero-filled array. */
    CudaArray allocate(DType dtype, Shape shape) {
        requireOpen("allocate");
        long bytes = dtype.bytesFor(shape.size());
        long address = session.call("allocate", () -> {
            CudaDriver driver = session.driver();
            long padded = DeviceSession.paddedBytes(bytes);
            long pointer = session.allocate(padded);
            driver.setWords(pointer, 0, padded / 4, session.stream());
            return pointer;
        });
        return wrap(address, bytes, dtype, shape);
    }

    /** Copies host memory into a new array. */
    CudaArray upload(MemorySegment source, DType dtype, Shape shape) {
        requireOpen("upload");
        long bytes = dtype.bytesFor(shape.size());
        if (source.byteSize() < bytes) {
            throw new TensorException("upload", "source holds " + source.byteSize() + " bytes; a "
                    + dtype + " array of shape " + shape + " needs " + bytes);
        }
        if (session.canAccess(source)) {
            return wrap(uploadFrom(source, bytes), bytes, dtype, shape);
        }
        try (Arena staging = Arena.ofShared()) {
            MemorySegment copy = staging.allocate(Math.max(1, bytes), 16);
            MemorySegment.copy(source, 0, copy, 0, bytes);
            return wrap(uploadFrom(copy, bytes), bytes, dtype, shape);
        }
    }

    private long uploadFrom(MemorySegment source, long bytes) {
        return session.call("upload", () -> {
            long pointer = session.allocate(bytes);
            try {
                copyIn(source, pointer, bytes);
            } catch (RuntimeException e) {
                session.free(pointer);
                throw e;
            }
            return pointer;
        });
    }

    /** Copies an array's bytes into host memory, after every kernel queued before. */
    void download(DeviceArray source, MemorySegment target) {
        CudaArray array = resolve("download", "source", source);
        if (target.isReadOnly()) {
            throw new TensorException("download", "the target segment is read-only");
        }
        long bytes = array.byteSize();
        if (target.byteSize() < bytes) {
            throw new TensorException("download", "target holds " + target.byteSize()
                    + " bytes; the " + array.dtype() + " array of shape " + array.shape()
                    + " needs " + bytes);
        }
        if (session.canAccess(target)) {
            session.run("download", () -> copyOut(array.address(), target, bytes));
            return;
        }
        try (Arena staging = Arena.ofShared()) {
            MemorySegment copy = staging.allocate(Math.max(1, bytes), 16);
            session.run("download", () -> copyOut(array.address(), copy, bytes));
            MemorySegment.copy(copy, 0, target, 0, bytes);
        }
    }

    /** Copies device bytes to host memory and waits; on the CUDA thread. */
    void copyOut(long address, MemorySegment target, long bytes) {
        CudaDriver driver = session.driver();
        if (bytes == 0) {
            return;
        }
        if (target.isNative()) {
            driver.copyToHost(target, address, bytes, session.stream());
            driver.synchronizeStream(session.stream());
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate(bytes, 16);
            driver.copyToHost(staging, address, bytes, session.stream());
            driver.synchronizeStream(session.stream());
            MemorySegment.copy(staging, 0, target, 0, bytes);
        }
    }

    /** Copies host bytes to the device and waits until the source may be reused; on the CUDA thread. */
    void copyIn(MemorySegment source, long address, long bytes) {
        CudaDriver driver = session.driver();
        if (bytes == 0) {
            return;
        }
        if (source.isNative()) {
            driver.copyToDevice(address, source, bytes, session.stream());
            driver.synchronizeStream(session.stream());
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate(bytes, 16);
            MemorySegment.copy(source, 0, staging, 0, bytes);
            driver.copyToDevice(address, staging, bytes, session.stream());
            driver.synchronizeStream(session.stream());
        }
    }

    /** Returns a new array of another shape sharing {@code base}'s storage. */
    CudaArray view(DeviceArray base, Shape shape) {
        CudaArray array = resolve("view", "base", base);
        if (shape.size() != array.shape().size()) {
            throw new TensorException("view", "base has shape " + array.shape() + " ("
                    + array.shape().size() + " elements); shape " + shape + " has "
                    + shape.size() + " elements, expected the same count");
        }
        if (!array.storage().retain()) {
            throw new TensorException("view", "base " + array + " was used after close");
        }
        return new CudaArray(this, array.storage(), array.dtype(), shape, device);
    }

    MemoryStats memoryStats() {
        return ledger.snapshot();
    }

    /**
     * Checks that an array was created by this backend and is still open.
     *
     * @param op the kernel name for the error message
     * @param role the argument's name, such as {@code "x"} or {@code "out"}
     * @param array the argument
     * @return the array as a {@link CudaArray}
     */
    CudaArray resolve(String op, String role, DeviceArray array) {
        requireOpen(op);
        if (!(array instanceof CudaArray cuda) || !cuda.isOwnedBy(this)) {
            throw new TensorException(op, role + " (" + array.getClass().getName() + " on "
                    + array.device() + ") was not created by this cuda backend; copy it through "
                    + "host memory first");
        }
        if (cuda.isClosed() || cuda.storage().isReleased()) {
            throw new TensorException(op, role + " (" + cuda.dtype() + " " + cuda.shape()
                    + ") is closed");
        }
        return cuda;
    }

    /** Marks the registry closed; later calls fail. */
    void close() {
        closed = true;
    }

    private CudaArray wrap(long address, long bytes, DType dtype, Shape shape) {
        DeviceStorage storage = new DeviceStorage(ledger, address, bytes, session::freeLater);
        return new CudaArray(this, storage, dtype, shape, device);
    }

    private void requireOpen(String op) {
        if (closed) {
            throw new TensorException(op, "the cuda backend is closed");
        }
    }
}
