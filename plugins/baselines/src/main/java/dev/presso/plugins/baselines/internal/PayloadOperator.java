package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorException;

/**
 * A compressed layer: its payload, which alone defines its size, and the form decoded from it that
 * computes. {@link #storageBits()} is the sum over the payload's tensors of elements times dtype
 * bits (packed codes at their exact width); {@link #parameterCount()} counts those elements
 * (codes, scales, zero points, mask bits, indices, factor entries).
 *
 * <p>The operator keeps references to the payload's and the form's tensors; they live as long as
 * the tensor scope that owns them.
 */
public final class PayloadOperator implements LinearOperator {
    private final String method;
    private final long outFeatures;
    private final long inFeatures;
    private final OperatorPayload payload;
    private final ComputeForm form;

    /**
     * Creates the operator.
     *
     * @param method the id of the method that made it
     * @param outFeatures the output width
     * @param inFeatures the input width
     * @param payload the saved form
     * @param form the form decoded from {@code payload}
     */
    public PayloadOperator(String method, long outFeatures, long inFeatures, OperatorPayload payload,
            ComputeForm form) {
        this.method = method;
        this.outFeatures = outFeatures;
        this.inFeatures = inFeatures;
        this.payload = payload;
        this.form = form;
    }

    /**
     * Returns the sum of a payload's tensor sizes in bits.
     *
     * @param payload the payload
     * @return the bits, packed dtypes at their exact width
     */
    public static long bits(OperatorPayload payload) {
        return payload.tensors().values().stream()
                .mapToLong(t -> Math.multiplyExact(t.shape().size(), (long) t.dtype().bits())).sum();
    }

    /**
     * Returns the form that computes.
     *
     * @return the decoded form
     */
    public ComputeForm form() {
        return form;
    }

    @Override
    public long inFeatures() {
        return inFeatures;
    }

    @Override
    public long outFeatures() {
        return outFeatures;
    }

    @Override
    public Tensor apply(Tensor input) {
        Shape shape = input.shape();
        if (shape.rank() < 1 || shape.dim(-1) != inFeatures) {
            throw new TensorException(method + ".apply", "expected input [..., " + inFeatures + "], got " + shape);
        }
        return form.apply(input);
    }

    @Override
    public long parameterCount() {
        return payload.tensors().values().stream().mapToLong(t -> t.shape().size()).sum();
    }

    @Override
    public long storageBits() {
        return bits(payload);
    }

    @Override
    public Tensor denseWeight() {
        return form.denseWeight();
    }

    @Override
    public OperatorPayload payload() {
        return payload;
    }

    @Override
    public String toString() {
        return method + payload.attributes() + "[" + outFeatures + " x " + inFeatures + ", " + storageBits()
                + " bits]";
    }
}
