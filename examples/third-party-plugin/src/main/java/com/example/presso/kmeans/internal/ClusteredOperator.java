package com.example.presso.kmeans.internal;

import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorException;

/**
 * A clustered layer: its payload, which alone defines its size, and the dense weight decoded from
 * it, with which it computes {@code y = x W^T}.
 *
 * @param outFeatures the output width
 * @param inFeatures the input width
 * @param payload the saved form
 * @param weight the F32 weight {@code [out, in]} decoded from the payload
 */
record ClusteredOperator(long outFeatures, long inFeatures, OperatorPayload payload, Tensor weight)
        implements LinearOperator {
    @Override
    public Tensor apply(Tensor input) {
        Shape shape = input.shape();
        if (shape.rank() < 1 || shape.dim(-1) != inFeatures) {
            throw new TensorException(KMeansMethod.ID + ".apply", "expected input [..., " + inFeatures + "], got "
                    + shape);
        }
        return input.matmul(weight, false, true);
    }

    @Override
    public long parameterCount() {
        return payload.tensors().values().stream().mapToLong(t -> t.shape().size()).sum();
    }

    @Override
    public long storageBits() {
        return payload.tensors().values().stream()
                .mapToLong(t -> Math.multiplyExact(t.shape().size(), (long) t.dtype().bits())).sum();
    }

    @Override
    public Tensor denseWeight() {
        return weight;
    }

    @Override
    public String toString() {
        return KMeansMethod.ID + payload.attributes() + "[" + outFeatures + " x " + inFeatures + ", " + storageBits()
                + " bits]";
    }
}
