package dev.presso.plugins.obs.internal;

import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorException;

/**
 * A compressed layer: its payload, which alone defines its size, and the dense F32 weight decoded
 * from it, which computes {@code y = x W^T}. {@link #storageBits()} sums the payload's tensors,
 * elements times dtype bits.
 */
public final class ObsOperator implements LinearOperator {
    private final String method;
    private final OperatorPayload payload;
    private final Tensor weight;

    /**
     * Creates the operator.
     *
     * @param method the id of the method that made it
     * @param payload the saved form
     * @param weight the F32 weight {@code [out, in]} decoded from {@code payload}
     */
    public ObsOperator(String method, OperatorPayload payload, Tensor weight) {
        this.method = method;
        this.payload = payload;
        this.weight = weight;
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
        if (shape.rank() < 1 || shape.dim(-1) != inFeatures()) {
            throw new TensorException(method + ".apply", "expected input [..., " + inFeatures() + "], got " + shape);
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
    public OperatorPayload payload() {
        return payload;
    }

    @Override
    public String toString() {
        return method + payload.attributes() + "[" + outFeatures() + " x " + inFeatures() + ", " + storageBits()
                + " bits]";
    }
}
