package dev.presso.plugins.tensorcpu.internal.storage;

import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A heap primitive array shared by an array and its views, released when the last reference
 * goes: the ledger is credited and the heap array becomes garbage.
 */
final class Storage {
    private final MemoryLedger ledger;
    private final long bytes;
    private final AtomicInteger references = new AtomicInteger(1);
    private volatile @Nullable Object data;

    Storage(MemoryLedger ledger, Object data, long bytes) {
        this.ledger = ledger;
        this.data = data;
        this.bytes = bytes;
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
            data = null;
            ledger.storageReleased(bytes);
        }
    }

    /** The primitive array, or {@code null} once released. */
    @Nullable Object data() {
        return data;
    }
}
