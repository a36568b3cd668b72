package dev.presso.host.internal.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.presso.kernel.tensor.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AdamW against the formulas: bias-corrected moments, decay of matrices only, global-norm clipping. */
class AdamWTest {
    private static TrainingSettings settings(double weightDecay, double clip) {
        return new TrainingSettings(10, 1, 1, 0.1, 0.1, 0, weightDecay, 0.9, 0.99, 1e-8, clip);
    }

    @Test
    void theFirstStepMovesEachWeightByTheLearningRateAgainstTheGradientsSign() {
        Parameters p = new Parameters();
        p.put("w", Shape.of(1, 3), new float[] {1f, -2f, 0.5f});
        AdamW adam = new AdamW(settings(0, 0));
        double norm = adam.step(p, Map.of("w", new float[] {3f, -4f, 0f}), 0.1);
        assertEquals(5.0, norm, 1e-12);
        // m/(1-b1) = g and v/(1-b2) = g^2, so the update is lr * g / (|g| + eps)
        assertArrayEquals(new float[] {0.9f, -1.9f, 0.5f}, p.values("w"), 1e-6f);
    }

    @Test
    void weightDecayShrinksMatricesButNotNormGains() {
        Parameters p = new Parameters();
        p.put("matrix", Shape.of(1, 1), new float[] {2f});
        p.put("gain", Shape.of(1), new float[] {2f});
        new AdamW(settings(0.5, 0)).step(p, Map.of(), 0.1);
        assertEquals(2f * (1 - 0.1f * 0.5f), p.values("matrix")[0], 1e-6f);
        assertEquals(2f, p.values("gain")[0]);
    }

    @Test
    void clippingScalesAllGradientsToTheNormLimit() {
        Parameters clipped = new Parameters();
        clipped.put("w", Shape.of(1, 2), new float[] {0f, 0f});
        AdamW adam = new AdamW(settings(0, 1.0));
        adam.step(clipped, Map.of("w", new float[] {30f, 40f}), 0.1);
        adam.step(clipped, Map.of("w", new float[] {0f, 0f}), 0.1);
        Parameters reference = new Parameters();
        reference.put("w", Shape.of(1, 2), new float[] {0f, 0f});
        AdamW plain = new AdamW(settings(0, 0));
        plain.step(reference, Map.of("w", new float[] {0.6f, 0.8f}), 0.1);
        plain.step(reference, Map.of("w", new float[] {0f, 0f}), 0.1);
        assertArrayEquals(reference.values("w"), clipped.values("w"), 1e-6f);
    }

    @Test
    void theLearningRateWarmsUpLinearlyThenFollowsACosineToItsFloor() {
        TrainingSettings s = new TrainingSettings(104, 1, 1, 1.0, 0.1, 4, 0, 0.9, 0.99, 1e-8, 0);
        assertEquals(0.25, s.learningRate(0), 1e-12);
        assertEquals(1.0, s.learningRate(3), 1e-12);
        assertEquals(1.0, s.learningRate(4), 1e-12);
        assertEquals(0.1 + 0.9 * 0.75, s.learningRate(4 + 33), 1e-12, "a third of the way: cos(pi/3) = 1/2");
        assertEquals(0.1, s.learningRate(103), 1e-12);
    }
}
