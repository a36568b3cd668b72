package dev.presso.plugins.evaluators.internal;

import dev.presso.kernel.model.ForwardingLinearOperator;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * Stands in for a site's operator during an evaluation: returns the operator's output unchanged,
 * and adds up, per input row, {@code ||y - x W^T||^2} and {@code ||x W^T||^2} against the site's
 * dense weight, in double, skipping rows that are padding.
 */
final class RecordingOperator implements ForwardingLinearOperator {
    private final LinearOperator delegate;
    private final Tensor weight;
    private boolean @Nullable [] realRows;
    private double errorSquares;
    private double referenceSquares;
    private long rows;

    RecordingOperator(LinearOperator delegate, Tensor weight) {
        this.delegate = delegate;
        this.weight = weight;
    }

    /** Returns the operator this one stands in for. @return the original operator */
    @Override
    public LinearOperator delegate() {
        return delegate;
    }

    /**
     * Says which rows of the next inputs are real tokens.
     *
     * @param real one flag per row of the batch, or {@code null} to count every row
     */
    void realRows(boolean @Nullable [] real) {
        this.realRows = real;
    }

    @Override
    public Tensor apply(Tensor input) {
        Tensor output = delegate.apply(input);
        Tensor dense = input.matmul(weight, false, true);
        int last = output.shape().rank() - 1;
        float[] errors = output.sub(dense).square().reduce(ReduceOp.SUM, false, last).toFloatArray();
        float[] references = dense.square().reduce(ReduceOp.SUM, false, last).toFloatArray();
        boolean[] real = realRows != null && realRows.length == errors.length ? realRows : null;
        for (int r = 0; r < errors.length; r++) {
            if (real == null || real[r]) {
                errorSquares += errors[r];
                referenceSquares += references[r];
                rows++;
            }
        }
        return output;
    }

    /** Returns the relative error so far. @return {@code sqrt(sum ||y - xW^T||^2 / sum ||xW^T||^2)} */
    double relativeError() {
        return LayerErrorEvaluator.relative(errorSquares, referenceSquares);
    }

    /** Returns the number of rows seen. @return the count */
    long rows() {
        return rows;
    }

    @Override
    public String toString() {
        return "Recording[" + delegate + "]";
    }
}
