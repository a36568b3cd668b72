package dev.presso.host.internal.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.TensorRuntime;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CausalAttention}'s blocked, chunked kernel sequence against attention computed naively in
 * double, position by position, for every way the blocks and chunks can fall.
 */
class CausalAttentionTest {
    private static final int HEADS = 4;
    private static final int KV_HEADS = 2;
    private static final int HEAD_DIM = 4;

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, batch, new positions, earlier positions, window, query block, score budget
                Arguments.of("one block, one chunk", 2, 6, 0, 0, 64, 1L << 18),
                Arguments.of("uneven blocks, a chunk per sequence", 3, 11, 0, 0, 4, 1),
                Arguments.of("chunks of two and one", 3, 9, 0, 0, 3, 2L * KV_HEADS * 3 * 2 * 9),
                Arguments.of("after cached positions", 2, 7, 5, 0, 3, 1),
                Arguments.of("one new position", 2, 1, 9, 0, 64, 1L << 18),
                Arguments.of("sliding window", 2, 10, 3, 4, 3, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesNaiveAttention(String name, int batch, int length, int offset, int window, int block, long budget) {
        int group = HEADS / KV_HEADS;
        int positions = offset + length;
        SplittableRandom random = new SplittableRandom(name.hashCode());
        float[] queries = gaussian(random, batch * KV_HEADS * length * group * HEAD_DIM);
        float[] keysTransposed = gaussian(random, batch * KV_HEADS * HEAD_DIM * positions);
        float[] values = gaussian(random, batch * KV_HEADS * positions * HEAD_DIM);
        CausalAttention attention = new CausalAttention(HEADS, KV_HEADS, HEAD_DIM, window, block, budget);
        try (TensorBackend backend = new ReferenceBackend()) {
            Tensors tensors = TensorRuntime.tensors(backend);
            try (TensorScope _ = tensors.scope(); AttentionBuffers buffers = new AttentionBuffers(backend)) {
                Tensor context = attention.attend(tensors,
                        tensors.of(queries, Shape.of(batch, KV_HEADS, (long) length * group, HEAD_DIM)),
                        tensors.of(keysTransposed, Shape.of(batch, KV_HEADS, HEAD_DIM, positions)),
                        tensors.of(values, Shape.of(batch, KV_HEADS, positions, HEAD_DIM)), buffers);
                assertEquals(Shape.of(batch, length, HEADS * HEAD_DIM), context.shape());
                float[] actual = context.toFloatArray();
                double[] expected = naive(queries, keysTransposed, values, batch, length, offset, window);
                double worst = 0;
                for (int i = 0; i < expected.length; i++) {
                    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
                }
                assertTrue(worst < 1e-5, name + ": max |kernels - naive| = " + worst);
            }
            assertEquals(0, backend.memoryStats().liveArrays(), "the buffers release every array");
        }
    }

    @Test
    void mismatchedShapesAreArgumentErrors() {
        CausalAttention attention = new CausalAttention(HEADS, KV_HEADS, HEAD_DIM, 0);
        try (TensorBackend backend = new ReferenceBackend()) {
            Tensors tensors = TensorRuntime.tensors(backend);
            try (TensorScope _ = tensors.scope(); AttentionBuffers buffers = new AttentionBuffers(backend)) {
                Tensor queries = tensors.zeros(DType.F32, Shape.of(1, KV_HEADS, 6, HEAD_DIM));
                Tensor keys = tensors.zeros(DType.F32, Shape.of(1, KV_HEADS, HEAD_DIM, 2));
                Tensor values = tensors.zeros(DType.F32, Shape.of(1, KV_HEADS, 2, HEAD_DIM));
                TensorException e = assertThrows(TensorException.class,
                        () -> attention.attend(tensors, queries, keys, values, buffers));
                assertTrue(e.getMessage().contains("S >= T") && e.getMessage().contains("[1, 2, 6, 4]"),
                        e.getMessage());
            }
        }
    }

    /** Context {@code [B, T, H * D]}: query head h of new position t attends keys offset + t - window < j <= offset + t. */
    private static double[] naive(float[] q, float[] kt, float[] v, int batch, int length, int offset, int window) {
        int group = HEADS / KV_HEADS;
        int positions = offset + length;
        double scale = 1 / Math.sqrt(HEAD_DIM);
        double[] out = new double[batch * length * HEADS * HEAD_DIM];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < HEADS; h++) {
                int kv = h / group;
                for (int t = 0; t < length; t++) {
                    int position = offset + t;
                    int first = window > 0 ? Math.max(0, position - window + 1) : 0;
                    int qRow = ((b * KV_HEADS + kv) * length + t) * group + h % group;
                    double[] weights = new double[positions];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = first; j <= position; j++) {
                        double dot = 0;
                        for (int d = 0; d < HEAD_DIM; d++) {
                            dot += q[qRow * HEAD_DIM + d] * kt[((b * KV_HEADS + kv) * HEAD_DIM + d) * positions + j];
                        }
                        weights[j] = dot * scale;
                        max = Math.max(max, weights[j]);
                    }
                    double sum = 0;
                    for (int j = first; j <= position; j++) {
                        weights[j] = Math.exp(weights[j] - max);
                        sum += weights[j];
                    }
                    for (int d = 0; d < HEAD_DIM; d++) {
                        double value = 0;
                        for (int j = first; j <= position; j++) {
                            value += weights[j] / sum * v[((b * KV_HEADS + kv) * positions + j) * HEAD_DIM + d];
                        }
                        out[((b * length + t) * HEADS + h) * HEAD_DIM + d] = value;
                    }
                }
            }
        }
        return out;
    }

    private static float[] gaussian(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextDouble() * 4 - 2);
        }
        return values;
    }
}
