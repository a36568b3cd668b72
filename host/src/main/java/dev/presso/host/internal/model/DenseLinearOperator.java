package dev.presso.host.internal.model;

import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.OperatorPayload;
import java.util.Map;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorException;

/**
 * The uncompressed linear map {@code y = x W^T}, one matrix product with the weight transposed.
 * Gradients flow to the input and, when it requires one, to the weight.
 */
public final class DenseLinearOperator implements LinearOperator {
    private final Tensor weight;

    /**
     * Creates the operator over a weight it does not own.
     *
     * @param weight the F32 weight {@code [out, in]}
     */
    public DenseLinearOperator(Tensor weight) {
        if (weight.shape().rank() != 2) {
            throw new TensorException("DenseLinearOperator", "expected a weight [out, in], got " + weight.shape());
        }
        this.weight = weight;
    }

    /** Returns the weight. @return the {@code [out, in]} matrix */
    public Tensor weight() {
        return weight;
    }

    @Override
    public long inFeatures() {
        return weight.shape().dim(1);
    }

    @Override
    public long outFeatures() {
        return weight.shape().dim(0);
    }

    @Override
    public Tensor apply(Tensor input) {
        Shape shape = input.shape();
        if (shape.rank() < 2 || shape.dim(-1) != inFeatures()) {
            throw new TensorException("DenseLinearOperator.apply", "expected input [..., " + inFeatures()
                    + "] of rank >= 2 for weight " + weight.shape() + ", got " + shape);
        }
        return input.matmul(weight, false, true);
    }

    @Override
    public long parameterCount() {
        return weight.shape().size();
    }

    @Override
    public long storageBits() {
        return weight.shape().size() * weight.dtype().bits();
    }

    @Override
    public String toString() {
        return "DenseLinearOperator[" + outFeatures() + " x " + inFeatures() + "]";
    }

    @Override
    public Tensor denseWeight() {
        return weight;
    }

    @Override
    public OperatorPayload payload() {
        return new OperatorPayload(Map.of("weight", weight), Map.of());
    }
}
