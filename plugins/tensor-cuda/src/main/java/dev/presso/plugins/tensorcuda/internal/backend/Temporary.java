package dev.presso.plugins.tensorcuda.internal.backend;

/**
 * A device buffer that lives for one operation, freed (stream-ordered) when closed.
 *
 * @param session the device
 * @param address the device pointer
 */
record Temporary(DeviceSession session, long address) implements AutoCloseable {
    /** Allocates a temporary of at least {@code bytes} bytes. */
    static Temporary allocate(DeviceSession session, long bytes) {
        return new Temporary(session, session.allocate(bytes));
    }

    @Override
    public void close() {
        session.free(address);
    }
}
