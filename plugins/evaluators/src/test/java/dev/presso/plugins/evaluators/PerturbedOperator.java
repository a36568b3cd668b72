package dev.presso.plugins.evaluators;

import dev.presso.fixtures.DenseTestOperator;
import dev.presso.kernel.model.ForwardingLinearOperator;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.tensor.Tensor;

/** A dense float32 operator over a weight other than the site's own, standing in for a compressed layer. */
final class PerturbedOperator implements ForwardingLinearOperator {
    private final LinearOperator dense;

    PerturbedOperator(Tensor weight) {
        this.dense = new DenseTestOperator(weight, Float.SIZE);
    }

    @Override
    public LinearOperator delegate() {
        return dense;
    }
}
