package dev.presso.host.internal.cli;

import dev.presso.kernel.pipeline.CancellationToken;
import dev.presso.kernel.pipeline.Checkpoints;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.pipeline.ProgressSink;
import dev.presso.kernel.tensor.Tensors;
import java.util.Optional;

/**
 * The plugin context of a one-shot command: the command's backend and seed, progress that is not
 * drawn, no cancellation other than ending the process, and no checkpoints (a command that ends
 * early starts over).
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

    private static final Checkpoints NONE = new Checkpoints() {
        @Override
        public Optional<byte[]> load(String name) {
            return Optional.empty();
        }

        @Override
        public void save(String name, byte[] data) {
            // A one-shot command does not resume, so there is nowhere to keep a checkpoint.
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

    @Override
    public Checkpoints checkpoints() {
        return NONE;
    }
}
