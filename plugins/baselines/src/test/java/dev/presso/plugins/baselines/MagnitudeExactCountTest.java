package dev.presso.plugins.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.modelfixtures.MethodFixture;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Magnitude pruning asked for a level database's exact zero counts: one threshold per layer. */
class MagnitudeExactCountTest extends FixtureTest {
    private static final int OUT = 20;
    private static final int IN = 48;
    private static final long N = OUT * IN;

    private static long zeros(LinearOperator op) {
        long zeros = 0;
        for (float v : op.denseWeight().toFloatArray()) {
            zeros += v == 0 ? 1 : 0;
        }
        return zeros;
    }

    @Test
    void anySparsityLevelPrunesExactlyItsCountOfSmallestMagnitudesInTheLayer() {
        Tensor weight = fixture.randn(OUT, IN, 41);
        float[] w = weight.toFloatArray();
        float[] sorted = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            sorted[i] = Math.abs(w[i]);
        }
        Arrays.sort(sorted);
        for (String pattern : new String[] {"unstructured", "layer"}) {
            CompressionMethod method = new MagnitudeMethodProvider().create(Map.of("pattern", pattern));
            for (long zeros : new long[] {0, 1, 333, 576, 577, 959, 960}) {
                Level level = new Level("sparsity-" + zeros, (double) zeros / N);
                LinearOperator op = fixture.compress(method, weight, level, MethodFixture.NONE);
                assertEquals(zeros, zeros(op), pattern + " " + level.name());
                assertEquals(16 * (N - zeros) + N, op.storageBits());
                assertEquals(op.storageBits(), method.costBits(OUT, IN, level));
                float[] dense = op.denseWeight().toFloatArray();
                for (int i = 0; i < w.length; i++) {
                    if (zeros > 0 && zeros < N && Math.abs(w[i]) > sorted[(int) zeros - 1]) {
                        assertTrue(dense[i] != 0, "a weight above the layer's threshold is kept");
                    }
                }
                LinearOperator restored = method.restore(OUT, IN, fixture.copy(op.payload()), fixture.context());
                assertArrayEquals(op.denseWeight().toFloatArray(), restored.denseWeight().toFloatArray());
            }
        }
    }

    @Test
    void theLayerPatternsTenthsAreExactLayerCountsAndOtherLevelsAreRefused() {
        CompressionMethod layer = new MagnitudeMethodProvider().create(Map.of("pattern", "layer"));
        Tensor weight = fixture.randn(OUT, IN, 42);
        for (Level level : layer.levels()) {
            long expected = (Math.round(level.value() * 10) * N + 5) / 10;
            assertEquals(expected, zeros(fixture.compress(layer, weight, level, MethodFixture.NONE)), level.name());
        }
        assertThrows(PressoException.class, () -> layer.costBits(OUT, IN, new Level("sparsity-big", 1.5)));
        assertThrows(PressoException.class, () -> layer.costBits(OUT, IN, new Level("4bit", 0.5)));
        CompressionMethod semi = new MagnitudeMethodProvider().create(Map.of("pattern", "2:4"));
        assertThrows(PressoException.class, () -> semi.costBits(OUT, IN, new Level("sparsity-480", 0.5)));
    }
}
