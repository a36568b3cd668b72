package dev.presso.benchmarks.model;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.CancellationToken;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.pipeline.ProgressSink;
import dev.presso.kernel.tensor.Tensors;

/** The plugin context an evaluator runs in during the bench: no progress output, never cancelled. */
record BenchContext(Tensors tensors) implements PluginContext {
    @Override
    public long seed() {
        return 0;
    }

    @Override
    public ProgressSink progress(String task, long totalSteps) {
        return new ProgressSink() {
            @Override
            public void advance(long done) {}

            @Override
            public void status(String message) {}

            @Override
            public void close() {}
        };
    }

    @Override
    public CancellationToken cancellation() {
        return new CancellationToken() {
            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void throwIfCancelled() {
                if (isCancelled()) {
                    throw new PressoException("cancelled");
                }
            }
        };
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("presso-model-bench");
    }
}
