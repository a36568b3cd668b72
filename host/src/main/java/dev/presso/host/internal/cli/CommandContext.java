package dev.presso.host.internal.cli;

import dev.presso.kernel.pipeline.CancellationToken;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.pipeline.ProgressSink;
import dev.presso.kernel.tensor.Tensors;

/**
 * The plugin context of a one-shot command: the command's backend and seed, progress that is not
 * drawn, and no cancellation other than ending the process.
 *
 * @param tensors the front end of the command's backend
 * @param seed the command's seed
 */
record CommandContext(Tensors tensors, long seed) implements PluginContext {
    private static final ProgressSink SILENT = new ProgressSink() {
        @Override
        public void advance(long steps) {}

        @Override
        public void status(String message) {}

        @Override
        public void close() {}
    };

    private static final CancellationToken NEVER = new CancellationToken() {
        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void throwIfCancelled() {
            // A command is cancelled by ending the process; there is nothing to poll.
        }
    };

    @Override
    public ProgressSink progress(String task, long totalSteps) {
        return SILENT;
    }

    @Override
    public CancellationToken cancellation() {
        return NEVER;
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("presso");
    }
}
