package dev.presso.host.internal.calibration;

import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.Tensor;

/**
 * Stands in for a layer's operator during calibration: folds each input into the layer's
 * statistics, then applies the operator it replaced.
 */
final class RecordingOperator implements LinearOperator {
    private final LinearOperator delegate;
    private final InputAccumulator statistics;
    private final BatchInputs batch;

    RecordingOperator(LinearOperator delegate, InputAccumulator statistics, BatchInputs batch) {
        this.delegate = delegate;
        this.statistics = statistics;
        this.batch = batch;
    }

    /** Returns the operator this one stands in for. @return the wrapped operator */
    LinearOperator delegate() {
        return delegate;
    }

    @Override
    public long inFeatures() {
        return delegate.inFeatures();
    }

    @Override
    public long outFeatures() {
        return delegate.outFeatures();
    }

    @Override
    public Tensor apply(Tensor input) {
        statistics.add(input, batch);
        return delegate.apply(input);
    }

    @Override
    public long parameterCount() {
        return delegate.parameterCount();
    }

    @Override
    public long storageBits() {
        return delegate.storageBits();
    }

    @Override
    public String toString() {
        return "RecordingOperator[" + delegate + "]";
    }

    @Override
    public Tensor denseWeight() {
        return delegate.denseWeight();
    }

    @Override
    public OperatorPayload payload() {
        return delegate.payload();
    }
}
