package dev.presso.plugins.tensorcuda.internal.backend;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * A device allocation shared by an array and its views, freed when the last of them closes: the
 * ledger is credited at once and the memory is freed on the CUDA thread after the work queued
 * before the close.
 */
final class DeviceStorage {
    private final MemoryLedger ledger;
    private final long address;
    private final long bytes;
    private final LongConsumer free;
    private final AtomicInteger references = new AtomicInteger(1);

    DeviceStorage(MemoryLedger ledger, long address, long bytes, LongConsumer free) {
        this.ledger = ledger;
        this.address = address;
        this.bytes = bytes;
        this.free = free;
        ledger.storageAllocated(bytes);
    }

    /** Adds a reference; fails once the storage has been released. */
    boolean retain() {
        while (true) {
            int count = references.get();
            if (count == 0) {
                return false;
            }
            if (references.compareAndSet(count, count + 1)) {
                return true;
            }
        }
    }

    void release() {
        if (references.decrementAndGet() == 0) {
            ledger.storageReleased(bytes);
            free.accept(address);
        }
    }

    boolean isReleased() {
        return references.get() == 0;
    }

    long address() {
        return address;
    }
}
