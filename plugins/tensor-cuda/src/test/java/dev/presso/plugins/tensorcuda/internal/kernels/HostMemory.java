package dev.presso.plugins.tensorcuda.internal.kernels;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Device;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.MemoryStats;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Native memory as the kernels-on-host tests' "device" memory: arrays ({@link HostArray}) and
 * temporaries are blocks of a shared arena each, so the host build of the kernels reads and
 * writes them through plain pointers, exactly as the GPU build does device memory.
 */
final class HostMemory implements DeviceMemory {
    /** The device the host arrays claim to be on: the GPU they stand in for. */
    static final Device DEVICE = Device.cuda(0);

    private static final long ALIGNMENT = 256;

    private final Map<Long, Arena> temporaries = new ConcurrentHashMap<>();
    private final AtomicLong liveBytes = new AtomicLong();
    private final AtomicLong peakBytes = new AtomicLong();
    private final AtomicLong liveArrays = new AtomicLong();

    /** One allocation shared by an array and its views; freed when the last one closes. */
    static final class Block {
        private final Arena arena = Arena.ofShared();
        private final MemorySegment segment;
        private final AtomicInteger references = new AtomicInteger(1);

        Block(long bytes) {
            segment = arena.allocate(Math.max(1, bytes), ALIGNMENT);
        }

        MemorySegment segment() {
            return segment;
        }
    }

    /** Allocates a zero-filled array. */
    HostArray allocate(DType dtype, Shape shape) {
        long bytes = dtype.bytesFor(shape.size());
        HostArray array = new HostArray(this, new Block(bytes), dtype, shape, new AtomicBoolean());
        liveArrays.incrementAndGet();
        long live = liveBytes.addAndGet(bytes);
        peakBytes.accumulateAndGet(live, Math::max);
        return array;
    }

    /** Returns a new array of another shape sharing {@code base}'s memory. */
    HostArray view(DeviceArray base, Shape shape) {
        HostArray array = resolve("view", "base", base);
        if (shape.size() != array.shape().size()) {
            throw new TensorException("view", "base has shape " + array.shape() + " ("
                    + array.shape().size() + " elements); shape " + shape + " has "
                    + shape.size() + " elements, expected the same count");
        }
        array.storage().references.incrementAndGet();
        liveArrays.incrementAndGet();
        return new HostArray(this, array.storage(), array.dtype(), shape, new AtomicBoolean());
    }

    /** Returns the native memory of an open array of this memory. */
    MemorySegment segment(String op, String role, DeviceArray array) {
        HostArray host = resolve(op, role, array);
        return host.storage().segment().asSlice(0, host.byteSize());
    }

    void release(HostArray array) {
        liveArrays.decrementAndGet();
        if (array.storage().references.decrementAndGet() == 0) {
            liveBytes.addAndGet(-array.byteSize());
            array.storage().arena.close();
        }
    }

    MemoryStats stats() {
        return new MemoryStats(liveBytes.get(), peakBytes.get(), liveArrays.get());
    }

    HostArray resolve(String op, String role, DeviceArray array) {
        if (!(array instanceof HostArray host) || host.owner() != this) {
            throw new TensorException(op, role + " (" + array.getClass().getName() + " on "
                    + array.device() + ") does not belong to this backend");
        }
        if (host.isClosed()) {
            throw new TensorException(op, role + " " + host + " was used after close");
        }
        return host;
    }

    @Override
    public long address(DeviceArray array) {
        return resolve("kernel", "argument", array).storage().segment().address();
    }

    @Override
    public long allocateTemporary(long bytes) {
        Arena arena = Arena.ofShared();
        long address = arena.allocate(Math.max(1, bytes), ALIGNMENT).address();
        temporaries.put(address, arena);
        return address;
    }

    @Override
    public void freeTemporary(long address) {
        Arena arena = temporaries.remove(address);
        if (arena == null) {
            throw new IllegalArgumentException("no temporary at 0x" + Long.toHexString(address));
        }
        arena.close();
    }

    @Override
    public int readInt(long address) {
        return MemorySegment.ofAddress(address).reinterpret(Integer.BYTES)
                .get(ValueLayout.JAVA_INT, 0);
    }

    /** Returns the number of temporaries not yet freed. */
    int liveTemporaries() {
        return temporaries.size();
    }
}
