package dev.presso.host.internal.progress;

import dev.presso.kernel.pipeline.ProgressSink;

/** A sink that shows nothing. */
enum SilentSink implements ProgressSink {
    /** The only one. */
    INSTANCE;

    @Override
    public void advance(long steps) {
        ProgressText.checkSteps(steps);
    }

    @Override
    public void status(String message) {}

    @Override
    public void close() {}
}
