package dev.presso.host.internal.calibration;

import dev.presso.kernel.model.ForwardingLinearOperator;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.tensor.Tensor;

/**
 * Stands in for a layer's operator during calibration: folds each input into the layer's
 * statistics, then applies the operator it replaced.
 */
final class RecordingOperator implements ForwardingLinearOperator {
    private final LinearOperator delegate;
    private final InputAccumulator statistics;
    private final BatchInputs batch;

    RecordingOperator(LinearOperator delegate, InputAccumulator statistics, BatchInputs batch) {
        this.delegate = delegate;
        this.statistics = statistics;
        this.batch = batch;
    }

    /** Returns the operator this one stands in for. @return the wrapped operator */
    @Override
    public LinearOperator delegate() {
        return delegate;
    }

    @Override
    public Tensor apply(Tensor input) {
        statistics.add(input, batch);
        return delegate.apply(input);
    }

    @Override
    public String toString() {
        return "RecordingOperator[" + delegate + "]";
    }
}
