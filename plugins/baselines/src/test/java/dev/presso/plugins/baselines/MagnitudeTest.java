package dev.presso.plugins.baselines;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.modelfixtures.MethodFixture;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Magnitude pruning: which weights survive, the N:M pattern, the mask and index encodings and their exact cost. */
class MagnitudeTest extends FixtureTest {
    private static final int OUT = 20;
    private static final int IN = 48;

    static CompressionMethod magnitude(String pattern) {
        return new MagnitudeMethodProvider().create(Map.of("pattern", pattern));
    }

    static float half(float v) {
        return Float.float16ToFloat(Float.floatToFloat16(v));
    }

    @Test
    void unstructuredLevelsAreTenthsOfSparsity() {
        List<Level> levels = magnitude("unstructured").levels();
        assertEquals(9, levels.size());
        assertEquals(new Level("sparsity-0.10", 0.1), levels.getFirst());
        assertEquals(new Level("sparsity-0.50", 0.5), levels.get(4));
        assertEquals(new Level("sparsity-0.90", 0.9), levels.getLast());
    }

    @Test
    void everyRowKeepsExactlyItsLargestMagnitudesInF16() {
        Tensor weight = fixture.randn(OUT, IN, 4);
        float[] w = weight.toFloatArray();
        CompressionMethod method = magnitude("unstructured");
        for (Level level : method.levels()) {
            int pruned = (int) Math.round(level.value() * IN);
            LinearOperator op = fixture.compress(method, weight, level, MethodFixture.NONE);
            float[] dense = op.denseWeight().toFloatArray();
            for (int r = 0; r < OUT; r++) {
                double[] magnitudes = new double[IN];
                for (int c = 0; c < IN; c++) {
                    magnitudes[c] = Math.abs(w[r * IN + c]);
                }
                double[] sorted = magnitudes.clone();
                Arrays.sort(sorted);
                double threshold = sorted[pruned];   // the smallest kept magnitude
                int kept = 0;
                for (int c = 0; c < IN; c++) {
                    float expected = magnitudes[c] >= threshold ? half(w[r * IN + c]) : 0f;
                    kept += magnitudes[c] >= threshold ? 1 : 0;
                    assertEquals(expected, dense[r * IN + c], level.name() + " row " + r + " column " + c);
                }
                assertEquals(IN - pruned, kept, level.name() + " row " + r);
            }
        }
    }

    @Test
    void tiesKeepTheLowerColumnsSoEveryRowHasExactlyTheLevelsSparsity() {
        float[] w = new float[4 * 10];
        Arrays.fill(w, 1f);
        for (int i = 0; i < w.length; i += 3) {
            w[i] = -1f;
        }
        Tensor weight = fixture.tensors().of(w, Shape.of(4, 10));
        LinearOperator op = fixture.compress(magnitude("unstructured"), weight,
                MethodFixture.level(magnitude("unstructured"), "sparsity-0.70"), MethodFixture.NONE);
        float[] dense = op.denseWeight().toFloatArray();
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 10; c++) {
                assertEquals(c < 3 ? w[r * 10 + c] : 0f, dense[r * 10 + c], "row " + r + " column " + c);
            }
        }
    }

    @Test
    void unstructuredPayloadIsF16ValuesAndAOneBitMask() {
        Tensor weight = fixture.randn(OUT, IN, 8);
        CompressionMethod method = magnitude("unstructured");
        Level level = MethodFixture.level(method, "sparsity-0.30");
        LinearOperator op = fixture.compress(method, weight, level, MethodFixture.NONE);
        OperatorPayload payload = op.payload();
        int keep = IN - (int) Math.round(0.3 * IN);
        Tensor values = payload.tensors().get("values");
        Tensor mask = payload.tensors().get("mask");
        assertEquals(DType.F16, values.dtype());
        assertEquals(Shape.of(OUT, keep), values.shape());
        assertEquals(DType.I1, mask.dtype());
        assertEquals(Shape.of(OUT, IN), mask.shape());
        byte[] bits = fixture.backend().toBytes(mask.array());
        float[] dense = op.denseWeight().toFloatArray();
        float[] stored = values.cast(DType.F32).toFloatArray();
        int next = 0;
        for (int i = 0; i < OUT * IN; i++) {
            boolean set = ((bits[i / 8] >> (i % 8)) & 1) == 1;   // little-endian bits
            if (set) {
                assertEquals(stored[next++], dense[i], "the values follow the set bits in row-major order, at " + i);
            } else {
                assertEquals(0f, dense[i], "element " + i);
            }
        }
        assertEquals(OUT * keep, next);
        long formula = 16L * OUT * keep + (long) OUT * IN;
        assertEquals(formula, method.costBits(OUT, IN, level));
        assertEquals(formula, op.storageBits());
        assertEquals((long) OUT * keep + (long) OUT * IN, op.parameterCount());
        assertEquals(Map.of("pattern", "unstructured", "sparsity", "0.3"), payload.attributes());
    }

    @Test
    void twoOfFourKeepsTheTwoLargestOfEveryFourWithTwoBitPositions() {
        Tensor weight = fixture.randn(OUT, IN, 12);
        float[] w = weight.toFloatArray();
        CompressionMethod method = magnitude("2:4");
        assertEquals(List.of(new Level("sparsity-0.50", 0.5)), method.levels());
        LinearOperator op = fixture.compress(method, weight, method.levels().getFirst(), MethodFixture.NONE);
        float[] dense = op.denseWeight().toFloatArray();
        for (int g = 0; g < OUT * IN / 4; g++) {
            Integer[] order = {0, 1, 2, 3};
            int base = g * 4;
            Arrays.sort(order, (a, b) -> Float.compare(Math.abs(w[base + b]), Math.abs(w[base + a])));
            int nonZero = 0;
            for (int m = 0; m < 4; m++) {
                boolean keep = m == order[0] || m == order[1];
                assertEquals(keep ? half(w[base + m]) : 0f, dense[base + m], "group " + g + " position " + m);
                nonZero += dense[base + m] != 0f ? 1 : 0;
            }
            assertTrue(nonZero <= 2, "group " + g + " has " + nonZero + " non-zeros");
        }
        OperatorPayload payload = op.payload();
        assertEquals(DType.I2, payload.tensors().get("indices").dtype());
        assertEquals(Shape.of(OUT * IN / 4, 2), payload.tensors().get("values").shape());
        long formula = (long) OUT * (IN / 4) * 2 * (16 + 2);
        assertEquals(formula, method.costBits(OUT, IN, method.levels().getFirst()));
        assertEquals(formula, op.storageBits());
        assertEquals(9.0, (double) formula / (OUT * IN), "9 bits per weight");
    }

    @Test
    void fourOfEightStoresThreeBitPositionsInTwoPlanes() {
        CompressionMethod method = magnitude("3:8");
        Level level = method.levels().getFirst();
        assertEquals(new Level("sparsity-0.625", 0.625), level);
        LinearOperator op = fixture.compress(method, fixture.randn(OUT, IN, 13), level, MethodFixture.NONE);
        OperatorPayload payload = op.payload();
        assertEquals(DType.I2, payload.tensors().get("indices.0").dtype());
        assertEquals(DType.I1, payload.tensors().get("indices.1").dtype());
        assertEquals((long) OUT * (IN / 8) * 3 * (16 + 3), op.storageBits());
        float[] dense = op.denseWeight().toFloatArray();
        for (int g = 0; g < OUT * IN / 8; g++) {
            int nonZero = 0;
            for (int m = 0; m < 8; m++) {
                nonZero += dense[g * 8 + m] != 0f ? 1 : 0;
            }
            assertEquals(3, nonZero, "group " + g);
        }
    }

    @Test
    void aRowThatRoundsToNoSurvivorStoresOnlyItsMask() {
        CompressionMethod method = magnitude("unstructured");
        Level level = MethodFixture.level(method, "sparsity-0.90");
        LinearOperator op = fixture.compress(method, fixture.randn(3, 2, 1), level, MethodFixture.NONE);
        assertEquals(6, method.costBits(3, 2, level), "round(0.9 * 2) = 2 pruned per row: mask bits only");
        assertEquals(6, op.storageBits());
        assertArrayEquals(new float[6], op.denseWeight().toFloatArray());
        LinearOperator restored = method.restore(3, 2, fixture.copy(op.payload()), fixture.context());
        assertArrayEquals(new float[6], restored.apply(fixture.randn(2, 2, 3)).toFloatArray());
    }

    @Test
    void nOfMNeedsTheGroupToDivideTheInputWidth() {
        CompressionMethod method = magnitude("2:4");
        PressoException e = assertThrows(PressoException.class,
                () -> method.costBits(8, 42, method.levels().getFirst()));
        assertTrue(e.getMessage().contains("2:4") && e.getMessage().contains("divisible by 4"), e.getMessage());
        assertThrows(PressoException.class,
                () -> fixture.compress(method, fixture.randn(8, 42, 1), method.levels().getFirst(),
                        MethodFixture.NONE));
    }

    @Test
    void restoringTheSavedPayloadComputesIdenticalOutputs() {
        Tensor weight = fixture.randn(OUT, IN, 31);
        Tensor x = fixture.randn(5, IN, 32);
        for (String pattern : List.of("unstructured", "2:4", "1:3", "3:8")) {
            CompressionMethod method = magnitude(pattern);
            for (Level level : method.levels()) {
                LinearOperator made = fixture.compress(method, weight, level, MethodFixture.NONE);
                LinearOperator restored = magnitude("unstructured").restore(OUT, IN, fixture.copy(made.payload()),
                        fixture.context());
                assertAll(pattern + " " + level.name(),
                        () -> assertArrayEquals(made.apply(x).toFloatArray(), restored.apply(x).toFloatArray()),
                        () -> assertArrayEquals(made.denseWeight().toFloatArray(), restored.denseWeight().toFloatArray()),
                        () -> assertEquals(made.storageBits(), restored.storageBits()));
            }
        }
    }

    @Test
    void aMaskThatDisagreesWithTheValuesIsRefused() {
        CompressionMethod method = magnitude("unstructured");
        OperatorPayload payload = fixture.compress(method, fixture.randn(OUT, IN, 2),
                MethodFixture.level(method, "sparsity-0.50"), MethodFixture.NONE).payload();
        Map<String, Tensor> tampered = new HashMap<>(payload.tensors());
        tampered.put("values", fixture.tensors().zeros(DType.F16, Shape.of(OUT, IN / 2 + 1)));
        PressoException e = assertThrows(PressoException.class, () -> method.restore(OUT, IN,
                new OperatorPayload(tampered, payload.attributes()), fixture.context()));
        assertTrue(e.getMessage().contains("'mask' keeps 24 to 24 weights per row; expected 25"), e.getMessage());

        Map<String, String> unknown = new HashMap<>(payload.attributes());
        unknown.put("pattern", "5:4");
        PressoException pattern = assertThrows(PressoException.class, () -> method.restore(OUT, IN,
                new OperatorPayload(payload.tensors(), unknown), fixture.context()));
        assertTrue(pattern.getMessage().contains("'pattern' is \"5:4\""), pattern.getMessage());
    }
}
