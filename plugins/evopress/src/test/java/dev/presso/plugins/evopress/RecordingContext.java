package dev.presso.plugins.evopress;

import dev.presso.fixtures.CountingPluginContext;
import dev.presso.kernel.pipeline.CancellationToken;
import dev.presso.kernel.pipeline.Checkpoints;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.pipeline.ProgressSink;
import dev.presso.kernel.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;

/** A counting context that also keeps the series points a strategy records. */
final class RecordingContext implements PluginContext {
    /** One recorded point. */
    record Point(String series, long step, double value) {}

    final CountingPluginContext delegate;
    final List<Point> points = new ArrayList<>();

    RecordingContext(CountingPluginContext delegate) {
        this.delegate = delegate;
    }

    @Override
    public Tensors tensors() {
        return delegate.tensors();
    }

    @Override
    public long seed() {
        return delegate.seed();
    }

    @Override
    public ProgressSink progress(String task, long totalSteps) {
        return delegate.progress(task, totalSteps);
    }

    @Override
    public CancellationToken cancellation() {
        return delegate.cancellation();
    }

    @Override
    public System.Logger logger() {
        return delegate.logger();
    }

    @Override
    public Checkpoints checkpoints() {
        return delegate.checkpoints();
    }

    @Override
    public void record(String series, long step, double value) {
        points.add(new Point(series, step, value));
    }
}
