package dev.presso.plugins.obs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.Calibration;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.modelfixtures.Matrices;
import dev.presso.modelfixtures.MethodFixture;
import dev.presso.plugins.baselines.MagnitudeMethodProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparseGptTest {
    private final CompressionMethod sparsegpt = new SparseGptMethodProvider().create(Map.of());

    @Test
    void offersTenthsOfSparsity() {
        assertEquals(9, sparsegpt.levels().size());
        assertEquals(new Level("sparsity-0.50", 0.5), sparsegpt.levels().get(4));
        assertEquals(List.of(new Level("sparsity-0.50", 0.5)),
                new SparseGptMethodProvider().create(Map.of("pattern", "2:4")).levels());
    }

    @Test
    void lowersTheLayerOutputErrorBelowMagnitudePruningAtEqualSparsity() {
        try (MethodFixture f = new MethodFixture()) {
            Tensor inputs = f.correlatedInputs(512, 172, 1);
            Tensor weight = f.randn(64, 172, 2);
            Calibration calibration = f.calibration(inputs);
            for (String pattern : new String[] {"unstructured", "2:4"}) {
                CompressionMethod method = new SparseGptMethodProvider().create(Map.of("pattern", pattern));
                CompressionMethod magnitude = new MagnitudeMethodProvider().create(Map.of("pattern", pattern));
                LinearOperator s = f.compress(method, weight, MethodFixture.level(method, "sparsity-0.50"),
                        calibration);
                LinearOperator m = f.compress(magnitude, weight, MethodFixture.level(magnitude, "sparsity-0.50"),
                        calibration);
                assertEquals(64 * 172 / 2, zeros(s), pattern + ": exactly half the weights are zero");
                double sparseError = Matrices.outputError(inputs, weight, s);
                double magnitudeError = Matrices.outputError(inputs, weight, m);
                System.out.printf("%s 50%%: output error sparsegpt %.1f, magnitude %.1f%n", pattern, sparseError,
                        magnitudeError);
                assertTrue(sparseError < 0.8 * magnitudeError, pattern + ": " + sparseError + " < " + magnitudeError);
            }
        }
    }

    @Test
    void storesExactlyItsCostAndRestoresIdenticalOutputs() {
        try (MethodFixture f = new MethodFixture()) {
            Tensor inputs = f.correlatedInputs(200, 172, 3);
            Tensor weight = f.randn(24, 172, 4);
            for (Level level : sparsegpt.levels()) {
                LinearOperator op = f.compress(sparsegpt, weight, level, f.calibration(inputs));
                long tenths = Math.round(level.value() * 10);
                long kept = 24 * 172 - (tenths * 24 * 172 + 5) / 10;
                assertEquals(16 * kept + 24 * 172, op.storageBits(), level.name());
                assertEquals(op.storageBits(), sparsegpt.costBits(24, 172, level));
                assertEquals(24 * 172 - kept, zeros(op), level.name());
                LinearOperator restored = sparsegpt.restore(24, 172, f.copy(op.payload()), f.context());
                assertArrayEquals(op.apply(inputs).toFloatArray(), restored.apply(inputs).toFloatArray());
            }
            CompressionMethod semi = new SparseGptMethodProvider().create(Map.of("pattern", "2:4"));
            LinearOperator op = f.compress(semi, weight, semi.levels().getFirst(), f.calibration(inputs));
            assertEquals(24L * 43 * 2 * 18, op.storageBits());
            float[] w = op.denseWeight().toFloatArray();
            for (int run = 0; run < w.length / 4; run++) {
                int nonzero = 0;
                for (int p = 0; p < 4; p++) {
                    nonzero += w[run * 4 + p] != 0 ? 1 : 0;
                }
                assertTrue(nonzero <= 2, "run " + run + " keeps at most 2 of 4");
            }
            LinearOperator restored = semi.restore(24, 172, f.copy(op.payload()), f.context());
            assertArrayEquals(op.apply(inputs).toFloatArray(), restored.apply(inputs).toFloatArray());
            assertThrows(PressoException.class, () -> sparsegpt.restore(24, 172, op.payload(), f.context()),
                    "a 2:4 payload is not an unstructured one");
        }
    }

    @Test
    void prunesExactlyTheAskedCountOfAnySparsityLevelWithTwoColumnBlocks() {
        try (MethodFixture f = new MethodFixture()) {
            Tensor inputs = f.correlatedInputs(256, 172, 5);
            Tensor weight = f.randn(64, 172, 6);
            long n = 64 * 172;
            long centre = Math.round(0.6 * n);
            for (long zeros : new long[] {0, 1, centre - 8 * 128, centre - 129, centre, centre + 1, centre + 8 * 128,
                    n - 1, n}) {
                Level level = new Level("sparsity-" + zeros, (double) zeros / n);
                assertEquals(16 * (n - zeros) + n, sparsegpt.costBits(64, 172, level), level.name());
                LinearOperator op = f.compress(sparsegpt, weight, level, f.calibration(inputs));
                assertEquals(zeros, zeros(op), level.name());
                assertEquals(16 * (n - zeros) + n, op.storageBits(), level.name());
                LinearOperator restored = sparsegpt.restore(64, 172, f.copy(op.payload()), f.context());
                assertArrayEquals(op.denseWeight().toFloatArray(), restored.denseWeight().toFloatArray());
            }
            assertThrows(PressoException.class, () -> sparsegpt.costBits(64, 172, new Level("sparsity-x", 1.5)));
            assertThrows(PressoException.class, () -> sparsegpt.costBits(64, 172, new Level("rank-3", 0.5)));
        }
    }

    @Test
    void aDatabaseStepOfPrunedWeightsLowersTheOutputErrorMonotonically() {
        try (MethodFixture f = new MethodFixture()) {
            Tensor inputs = f.correlatedInputs(256, 172, 7);
            Tensor weight = f.randn(64, 172, 8);
            long n = 64 * 172;
            double previous = -1;
            for (long zeros = Math.round(0.6 * n) - 4 * 512; zeros <= Math.round(0.6 * n) + 4 * 512; zeros += 512) {
                LinearOperator op = f.compress(sparsegpt, weight, new Level("sparsity-" + zeros, (double) zeros / n),
                        f.calibration(inputs));
                double error = Matrices.outputError(inputs, weight, op);
                assertTrue(error > previous, zeros + " zeros: error " + error + " after " + previous);
                previous = error;
            }
        }
    }

    @Test
    void refusesBadPatternsAndLayers() {
        assertThrows(PressoException.class, () -> new SparseGptMethodProvider().create(Map.of("pattern", "4:2")));
        CompressionMethod semi = new SparseGptMethodProvider().create(Map.of("pattern", "2:4"));
        assertThrows(PressoException.class, () -> semi.costBits(8, 10, semi.levels().getFirst()));
    }

    private static long zeros(LinearOperator op) {
        long zeros = 0;
        for (float v : op.denseWeight().toFloatArray()) {
            zeros += v == 0 ? 1 : 0;
        }
        return zeros;
    }
}
