package dev.presso.host.internal.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.GradientCheck;
import dev.presso.host.TensorRuntime;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.Tensors;
import org.junit.jupiter.api.Test;

/** The cross-entropy's value against a direct computation, and its gradient against finite differences. */
class NextTokenLossTest {
    private static final float[] LOGITS = {1f, 2f, 0.5f, -1f, 0f, 3f, 2f, 2f, 1f, 0.25f, -0.5f, 1.5f};
    private static final int[] TARGETS = {1, 2, 0, 2};

    @Test
    void isTheMeanNegativeLogProbabilityOfTheTargets() {
        try (TensorBackend backend = new ReferenceBackend()) {
            Tensors tensors = TensorRuntime.tensors(backend);
            Tensor logits = tensors.of(LOGITS, Shape.of(1, 4, 3));
            double expected = 0;
            for (int row = 0; row < 4; row++) {
                double sum = 0;
                for (int v = 0; v < 3; v++) {
                    sum += Math.exp(LOGITS[row * 3 + v]);
                }
                expected -= LOGITS[row * 3 + TARGETS[row]] - Math.log(sum);
            }
            assertEquals(expected, NextTokenLoss.sum(tensors, logits, TARGETS).item(), 1e-5);
            assertEquals(expected / 4, NextTokenLoss.mean(tensors, logits, TARGETS).item(), 1e-6);
            assertThrows(IllegalArgumentException.class, () -> NextTokenLoss.sum(tensors, logits, new int[] {1, 2, 3}));
            assertThrows(IllegalArgumentException.class, () -> NextTokenLoss.sum(tensors, logits, new int[] {1, 2, 3, 3}));
        }
    }

    @Test
    void itsGradientMatchesFiniteDifferences() {
        try (TensorBackend backend = new ReferenceBackend()) {
            Tensors tensors = TensorRuntime.tensors(backend);
            GradientCheck.Result result = GradientCheck.of(tensors).eps(1e-2).tolerance(1e-2, 1e-4)
                    .check(in -> NextTokenLoss.mean(tensors, in.get(0), TARGETS), tensors.of(LOGITS, Shape.of(2, 2, 3)));
            assertTrue(result.passed(), result.report());
        }
    }
}
