package dev.presso.plugins.evaluators;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.CancellationToken;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.pipeline.ProgressSink;
import dev.presso.kernel.tensor.Tensors;
import java.util.concurrent.atomic.AtomicLong;

/** A plugin context for tests: counts progress steps and can be cancelled. */
final class TestContext implements PluginContext {
    private final Tensors tensors;
    final AtomicLong steps = new AtomicLong();
    volatile boolean cancelled;

    TestContext(Tensors tensors) {
        this.tensors = tensors;
    }

    @Override
    public Tensors tensors() {
        return tensors;
    }

    @Override
    public long seed() {
        return 0;
    }

    @Override
    public ProgressSink progress(String task, long totalSteps) {
        return new ProgressSink() {
            @Override
            public void advance(long done) {
                steps.addAndGet(done);
            }

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
                return cancelled;
            }

            @Override
            public void throwIfCancelled() {
                if (cancelled) {
                    throw new PressoException("cancelled");
                }
            }
        };
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("presso-plugin-evaluators-test");
    }
}
