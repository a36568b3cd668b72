package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.GradMode;

/**
 * Whether operations on the current thread are recorded for differentiation. The mode is
 * thread-local and shared by every backend, like PyTorch's {@code torch.no_grad}.
 */
public final class GradState {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradState() {}

    /**
     * Returns whether recording is on for this thread.
     *
     * @return {@code true} unless inside a no-grad region
     */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /**
     * Sets the mode until the returned region closes.
     *
     * @param enabled whether to record
     * @return the region that restores the previous mode
     */
    public static GradMode set(boolean enabled) {
        boolean[] flag = ENABLED.get();
        boolean previous = flag[0];
        flag[0] = enabled;
        return new Region(flag, previous);
    }

    /** Restores the previous mode once, on the thread that opened it. */
    private static final class Region implements GradMode {
        private final boolean[] flag;
        private final boolean previous;
        private boolean closed;

        Region(boolean[] flag, boolean previous) {
            this.flag = flag;
            this.previous = previous;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                flag[0] = previous;
            }
        }
    }
}
