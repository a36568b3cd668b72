package dev.presso.plugins.tensorcuda.internal.backend;

import dev.presso.plugins.tensorcuda.internal.driver.CudaDriver;
import dev.presso.plugins.tensorcuda.internal.driver.CudaThread;
import dev.presso.plugins.tensorcuda.internal.driver.CuSolver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.Callable;

/**
 * One device as a backend uses it: the driver, the dedicated {@link CudaThread} with the device's
 * primary context current on it, and one non-blocking stream that every copy, kernel, cuBLAS and
 * cuSOLVER call is queued on, so they run in submission order. Memory is allocated stream-ordered
 * ({@code cuMemAllocAsync}) where the device supports memory pools, else with
 * {@code cuMemAlloc_v2}.
 */
final class DeviceSession implements CuSolver.Workspace, AutoCloseable {
    private final CudaDriver driver;
    private final CudaThread thread;
    private final int ordinal;
    private final int device;
    private final long stream;
    private final boolean streamOrdered;

    private DeviceSession(CudaDriver driver, CudaThread thread, int ordinal, int device,
            long stream, boolean streamOrdered) {
        this.driver = driver;
        this.thread = thread;
        this.ordinal = ordinal;
        this.device = device;
        this.stream = stream;
        this.streamOrdered = streamOrdered;
    }

    /**
     * Starts the thread, makes the primary context of a device current on it and creates the
     * stream.
     */
    static DeviceSession open(CudaDriver driver, int ordinal) {
        CudaThread thread = new CudaThread("presso-cuda-" + ordinal);
        try {
            return thread.call("open", () -> {
                driver.init();
                int device = driver.device(ordinal);
                long context = driver.retainPrimaryContext(device);
                try {
                    driver.setCurrentContext(context);
                    long stream = driver.createStream(CudaDriver.STREAM_NON_BLOCKING);
                    boolean pools = driver.hasStreamOrderedAllocation()
                            && driver.attribute(CudaDriver.ATTRIBUTE_MEMORY_POOLS, device) != 0;
                    if (pools) {
                        driver.keepPoolMemory(device);
                    }
                    return new DeviceSession(driver, thread, ordinal, device, stream, pools);
                } catch (RuntimeException e) {
                    driver.releasePrimaryContext(device);
                    throw e;
                }
            });
        } catch (RuntimeException e) {
            thread.close();
            throw e;
        }
    }

    CudaDriver driver() {
        return driver;
    }

    int ordinal() {
        return ordinal;
    }

    long stream() {
        return stream;
    }

    boolean streamOrdered() {
        return streamOrdered;
    }

    /** Runs work on the CUDA thread and returns its result. */
    <T> T call(String op, Callable<T> task) {
        return thread.call(op, task);
    }

    /** Runs work on the CUDA thread and waits. */
    void run(String op, Runnable task) {
        thread.run(op, task);
    }

    /** Queues work on the CUDA thread without waiting. */
    void post(Runnable task) {
        thread.post(task);
    }

    /** Returns whether the CUDA thread may access a host segment directly. */
    boolean canAccess(MemorySegment segment) {
        return thread.canAccess(segment);
    }

    /** Waits until the stream has finished everything queued so far. */
    void synchronize() {
        thread.run("synchronize", () -> driver.synchronizeStream(stream));
    }

    /** Allocates device memory, rounded up to whole 32-bit words; on the CUDA thread. */
    @Override
    public long allocate(long bytes) {
        long padded = paddedBytes(bytes);
        return thread.call("allocate", () -> streamOrdered ? driver.allocateAsync(padded, stream)
                : driver.allocate(padded));
    }

    /** Frees device memory after the work queued so far; on the CUDA thread. */
    @Override
    public void free(long pointer) {
        thread.run("free", () -> release(pointer));
    }

    /** Queues a free without waiting (array closes may come from any thread). */
    void freeLater(long pointer) {
        thread.post(() -> release(pointer));
    }

    @Override
    public int readInt(long pointer) {
        return thread.call("read", () -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment word = arena.allocate(ValueLayout.JAVA_INT);
                driver.copyToHost(word, pointer, 4, stream);
                driver.synchronizeStream(stream);
                return word.get(ValueLayout.JAVA_INT, 0);
            }
        });
    }

    /** Rounds a byte count up to whole 32-bit words, at least one. */
    static long paddedBytes(long bytes) {
        return Math.max(4, (bytes + 3) & ~3L);
    }

    private void release(long pointer) {
        if (streamOrdered) {
            driver.freeAsync(pointer, stream);
        } else {
            driver.synchronizeStream(stream);
            driver.free(pointer);
        }
    }

    /** Waits for the stream, destroys it, releases the primary context and stops the thread. */
    @Override
    public void close() {
        try {
            thread.run("close", () -> {
                try {
                    driver.synchronizeStream(stream);
                    driver.destroyStream(stream);
                } finally {
                    driver.releasePrimaryContext(device);
                }
            });
        } finally {
            thread.close();
        }
    }
}
