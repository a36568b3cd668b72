package dev.presso.host.internal.run;

import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import java.util.Map;

/**
 * The output projection of a dropped sub-block (methods.md §2.7): a zero map, so the sub-block
 * adds nothing to the residual stream and the block passes its input on. It stores nothing.
 */
final class DroppedOperator implements LinearOperator {
    private final Tensors tensors;
    private final long out;
    private final long in;

    DroppedOperator(Tensors tensors, long out, long in) {
        this.tensors = tensors;
        this.out = out;
        this.in = in;
    }

    @Override
    public long inFeatures() {
        return in;
    }

    @Override
    public long outFeatures() {
        return out;
    }

    @Override
    public Tensor apply(Tensor input) {
        return tensors.zeros(DType.F32, input.shape().with(input.shape().rank() - 1, out));
    }

    @Override
    public long parameterCount() {
        return 0;
    }

    @Override
    public long storageBits() {
        return 0;
    }

    @Override
    public Tensor denseWeight() {
        return tensors.zeros(DType.F32, Shape.of(out, in));
    }

    @Override
    public OperatorPayload payload() {
        return new OperatorPayload(Map.of(), Map.of("dropped", "true"));
    }

    @Override
    public String toString() {
        return "DroppedOperator[" + out + " x " + in + "]";
    }
}
