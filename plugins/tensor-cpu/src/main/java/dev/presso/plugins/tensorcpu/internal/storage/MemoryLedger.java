package dev.presso.plugins.tensorcpu.internal.storage;

import dev.presso.kernel.tensor.MemoryStats;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Thread-safe counters of the bytes and arrays one backend holds; storage is counted once no
 * matter how many views share it.
 */
final class MemoryLedger {
    private final AtomicLong liveBytes = new AtomicLong();
    private final AtomicLong peakBytes = new AtomicLong();
    private final AtomicLong liveArrays = new AtomicLong();

    void storageAllocated(long bytes) {
        long live = liveBytes.addAndGet(bytes);
        peakBytes.accumulateAndGet(live, Math::max);
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
