package dev.presso.host.internal.embedded;

import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;

/**
 * Next-token cross-entropy on the tensor front end, differentiable in the logits: the
 * log-probability of each target is gathered from the log-softmax of its position's logits.
 */
final class NextTokenLoss {
    private NextTokenLoss() {}

    /**
     * Returns the negative log-likelihood of every target, summed.
     *
     * @param tensors the front end
     * @param logits {@code [B, T, V]}
     * @param targets the target id of every position, row-major, {@code B * T} of them
     * @return a scalar: {@code -sum log softmax(logits)[target]}, in nats
     */
    static Tensor sum(Tensors tensors, Tensor logits, int[] targets) {
        long vocabulary = logits.shape().dim(2);
        long positions = logits.shape().dim(0) * logits.shape().dim(1);
        if (positions != targets.length) {
            throw new IllegalArgumentException("the logits " + logits.shape() + " have " + positions
                    + " positions but there are " + targets.length + " targets");
        }
        int[] rows = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] < 0 || targets[i] >= vocabulary) {
                throw new IllegalArgumentException("target " + targets[i] + " at position " + i
                        + " is outside the vocabulary [0, " + vocabulary + ")");
            }
            rows[i] = Math.toIntExact(i * vocabulary + targets[i]);
        }
        Tensor logProbabilities = logits.logSoftmax().reshape(positions * vocabulary, 1);
        return logProbabilities.gather(tensors.ofInts(rows, Shape.of(rows.length))).sum().mul(-1f);
    }

    /**
     * Returns the mean negative log-likelihood per target, the training loss.
     *
     * @param tensors the front end
     * @param logits {@code [B, T, V]}
     * @param targets the target id of every position, row-major
     * @return a scalar, in nats per token
     */
    static Tensor mean(Tensors tensors, Tensor logits, int[] targets) {
        return sum(tensors, logits, targets).mul(1f / targets.length);
    }
}
