package dev.presso.plugins.tensorcuda.internal.backend;

import dev.presso.kernel.tensor.MemoryStats;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Thread-safe counters of the array bytes and arrays one backend holds; storage is counted once
 * however many views share it. Temporary kernel and solver buffers are not arrays and are not
 * counted.
 */
final class MemoryLedger {
    private final AtomicLong liveBytes = new AtomicLong();
    private final AtomicLong peakBytes = new AtomicLong();
    private final AtomicLong liveArrays = new AtomicLong();

    void storageAllocated(long bytes) {
        peakBytes.accumulateAndGet(liveBytes.addAndGet(bytes), Math::max);
    }

    void storageReleased(long bytes) {
        liveBytes.addAndGet(-bytes);
    }

    void arrayOpened() {
        liveArrays.incrementAndGet();
    }

    void arrayClosed() {
        liveArrays.decrementAndGet();
    }

    MemoryStats snapshot() {
        return new MemoryStats(liveBytes.get(), peakBytes.get(), liveArrays.get());
    }
}
