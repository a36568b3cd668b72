package dev.presso.host.internal.calibration;

import dev.presso.kernel.pipeline.ProgressSink;

/**
 * Starts a progress bar; {@code PluginContext::progress} is one.
 */
@FunctionalInterface
public interface ProgressOpener {
    /** Reports nowhere. */
    ProgressOpener NONE = (task, totalSteps) -> new ProgressSink() {
        @Override
        public void advance(long steps) {}

        @Override
        public void status(String message) {}

        @Override
        public void close() {}
    };

    /**
     * Starts reporting progress of a task.
     *
     * @param task a short name
     * @param totalSteps the number of steps
     * @return the sink, closed by the caller when the task ends
     */
    ProgressSink open(String task, long totalSteps);
}
