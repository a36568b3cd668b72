package dev.presso.plugins.evaluators;

import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.OperatorPayload;
import java.util.Map;
import dev.presso.kernel.tensor.Tensor;

/** A dense operator over a weight other than the site's own, standing in for a compressed layer. */
record PerturbedOperator(Tensor weight) implements LinearOperator {
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
        return input.matmul(weight, false, true);
    }

    @Override
    public long parameterCount() {
        return weight.shape().size();
    }

    @Override
    public long storageBits() {
        return 32 * parameterCount();
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
