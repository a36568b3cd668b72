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
import dev.presso.kernel.tensor.UnaryOp;
import dev.presso.modelfixtures.MethodFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Round-to-nearest quantization against a scalar reference of the same grid, and its exact storage. */
class RtnTest extends FixtureTest {
    private static final int OUT = 24;
    private static final int IN = 40;

    static CompressionMethod rtn(int groupSize, boolean symmetric) {
        return new RtnMethodProvider().create(Map.of("group-size", Integer.toString(groupSize),
                "symmetric", Boolean.toString(symmetric)));
    }

    /** A random weight with a few exact zeros and a wide column, so grids differ across groups. */
    Tensor weight(long seed) {
        float[] w = fixture.randn(OUT, IN, seed).toFloatArray();
        for (int r = 0; r < OUT; r++) {
            w[r * IN + (r % IN)] = 0f;
            w[r * IN + 37] *= 6f;
        }
        return fixture.tensors().of(w, Shape.of(OUT, IN));
    }

    /**
     * The reference: each group quantized on its own in float arithmetic, scale rounded to F16 first.
     * Returns the dequantized weight and, per element, the group's scale and whether its code is interior.
     */
    record Reference(float[] dequantized, float[] scale, boolean[] interior) {}

    static Reference reference(float[] w, int bits, int groupSize, boolean symmetric) {
        int width = groupSize == 0 ? IN : groupSize;
        float maxCode = (1 << bits) - 1;
        float half = 1 << (bits - 1);
        float[] out = new float[w.length];
        float[] scales = new float[w.length];
        boolean[] interior = new boolean[w.length];
        for (int r = 0; r < OUT; r++) {
            for (int start = 0; start < IN; start += width) {
                int end = Math.min(IN, start + width);
                float lo = 0f;
                float hi = 0f;
                float absMax = 0f;
                for (int c = start; c < end; c++) {
                    float v = w[r * IN + c];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    absMax = Math.max(absMax, Math.abs(v));
                }
                float raw = symmetric ? absMax / (half - 1) : (hi - lo) / maxCode;
                float scale = Float.float16ToFloat(Float.floatToFloat16(Math.clamp(raw, 0x1p-24f, 65504f)));
                float zero = symmetric ? half : Math.clamp((float) Math.rint(-(lo / scale)), 0f, maxCode);
                for (int c = start; c < end; c++) {
                    int i = r * IN + c;
                    float q = Math.clamp((float) Math.rint(w[i] / scale + zero), 0f, maxCode);
                    out[i] = (q - zero) * scale;
                    scales[i] = scale;
                    interior[i] = q > 0 && q < maxCode;
                }
            }
        }
        return new Reference(out, scales, interior);
    }

    @ParameterizedTest(name = "{0} bits, group {1}, symmetric {2}")
    @CsvSource({"4, 0, false", "4, 8, false", "3, 12, false", "2, 16, false", "8, 0, false", "5, 64, false",
        "4, 0, true", "3, 12, true", "2, 8, true", "7, 40, true", "6, 13, false"})
    void matchesTheScalarGridAndErrsByAtMostHalfAStep(int bits, int groupSize, boolean symmetric) {
        Tensor weight = weight(bits * 100L + groupSize);
        float[] w = weight.toFloatArray();
        LinearOperator op = fixture.compress(rtn(groupSize, symmetric), weight, new Level(bits + "bit", bits),
                MethodFixture.NONE);
        float[] dequantized = op.denseWeight().toFloatArray();
        Reference reference = reference(w, bits, groupSize, symmetric);
        assertArrayEquals(reference.dequantized(), dequantized);
        for (int i = 0; i < w.length; i++) {
            double error = Math.abs((double) w[i] - dequantized[i]);
            double step = reference.scale()[i];
            assertTrue(error <= step * (reference.interior()[i] ? 0.5 + 1e-6 : 1.0), "element " + i + ": " + w[i]
                    + " -> " + dequantized[i] + " with step " + step);
            if (w[i] == 0f) {
                assertEquals(0f, dequantized[i], "zero is on every grid, at element " + i);
            }
        }
    }

    @Test
    void asymmetricZeroPointsAreIntegersInTheCodeRangeAndShiftTheGrid() {
        Tensor positive = fixture.randn(OUT, IN, 3).map(UnaryOp.ABS).add(-0.2f);
        LinearOperator op = fixture.compress(rtn(8, false), positive, new Level("4bit", 4), MethodFixture.NONE);
        Tensor zeros = op.payload().tensors().get("zeros");
        assertEquals(DType.I4, zeros.dtype());
        assertEquals(Shape.of(OUT, IN / 8), zeros.shape());
        byte[] packed = fixture.backend().toBytes(zeros.array());
        assertEquals(OUT * IN / 8 / 2, packed.length, "two 4-bit zero points per byte");
        float[] w = positive.toFloatArray();
        for (int g = 0; g < OUT * IN / 8; g++) {
            int zero = (packed[g / 2] >> (4 * (g % 2))) & 0xF;   // little-endian nibbles
            float lo = 0f;
            float hi = 0f;
            for (int c = 0; c < 8; c++) {
                lo = Math.min(lo, w[g * 8 + c]);
                hi = Math.max(hi, w[g * 8 + c]);
            }
            float scale = Float.float16ToFloat(Float.floatToFloat16((hi - lo) / 15f));
            assertEquals(Math.clamp((int) Math.rint(-lo / scale), 0, 15), zero, "group " + g);
        }
    }

    @Test
    void groupsOfTwelveOverFortyColumnsHaveAShortTailGroup() {
        Tensor weight = weight(11);
        LinearOperator op = fixture.compress(rtn(12, false), weight, new Level("3bit", 3), MethodFixture.NONE);
        Tensor scales = op.payload().tensors().get("scales");
        assertEquals(Shape.of(OUT, 4), scales.shape(), "3 groups of 12 and a tail of 4");
        float[] s = scales.cast(DType.F32).toFloatArray();
        float[] w = weight.toFloatArray();
        for (int r = 0; r < OUT; r++) {
            float lo = 0f;
            float hi = 0f;
            for (int c = 36; c < 40; c++) {
                lo = Math.min(lo, w[r * IN + c]);
                hi = Math.max(hi, w[r * IN + c]);
            }
            assertEquals(Float.float16ToFloat(Float.floatToFloat16((hi - lo) / 7f)), s[r * 4 + 3],
                    "the tail scale of row " + r + " comes from its last 4 columns only");
        }
    }

    @Test
    void payloadHoldsCodesAtTheirExactWidth() {
        Tensor weight = weight(5);
        Map<Integer, List<String>> expected = Map.of(
                2, List.of("codes:I2"), 3, List.of("codes.0:I2", "codes.1:I1"), 4, List.of("codes:I4"),
                5, List.of("codes.0:I4", "codes.1:I1"), 6, List.of("codes.0:I4", "codes.1:I2"),
                7, List.of("codes.0:I4", "codes.1:I2", "codes.2:I1"), 8, List.of("codes:U8"));
        CompressionMethod method = rtn(0, true);
        for (Level level : method.levels()) {
            OperatorPayload payload = fixture.compress(method, weight, level, MethodFixture.NONE).payload();
            List<String> codes = payload.tensors().entrySet().stream().filter(e -> e.getKey().startsWith("codes"))
                    .map(e -> e.getKey() + ":" + e.getValue().dtype()).toList();
            assertEquals(expected.get((int) level.value()), codes, level.name());
            assertEquals(DType.F16, payload.tensors().get("scales").dtype());
            assertEquals(Map.of("bits", Integer.toString((int) level.value()), "group-size", "0", "symmetric", "true"),
                    payload.attributes());
        }
    }

    @Test
    void costBitsIsTheFormulaAndEqualsStorageBitsAtEveryLevel() {
        Tensor weight = weight(9);
        for (int groupSize : new int[] {0, 8, 12, 64}) {
            for (boolean symmetric : new boolean[] {false, true}) {
                CompressionMethod method = rtn(groupSize, symmetric);
                long groups = groupSize == 0 ? 1 : (IN + groupSize - 1) / groupSize;
                for (Level level : method.levels()) {
                    long bits = (long) level.value();
                    long formula = bits * OUT * IN + OUT * groups * (16 + (symmetric ? 0 : bits));
                    LinearOperator op = fixture.compress(method, weight, level, MethodFixture.NONE);
                    String what = level.name() + " group " + groupSize + " symmetric " + symmetric;
                    assertEquals(formula, method.costBits(OUT, IN, level), what);
                    assertEquals(formula, op.storageBits(), what);
                }
            }
        }
        assertEquals(4 * 960 + 24 * 5 * (16 + 4), rtn(8, false).costBits(OUT, IN, new Level("4bit", 4)));
    }

    @Test
    void restoringTheSavedPayloadComputesIdenticalOutputs() {
        Tensor weight = weight(21);
        Tensor x = fixture.randn(7, IN, 22);
        for (boolean symmetric : new boolean[] {false, true}) {
            CompressionMethod method = rtn(12, symmetric);
            for (Level level : method.levels()) {
                LinearOperator made = fixture.compress(method, weight, level, MethodFixture.NONE);
                // Restored by a method with other settings: the payload describes itself.
                LinearOperator restored = rtn(0, !symmetric).restore(OUT, IN, fixture.copy(made.payload()),
                        fixture.context());
                assertAll(level.name(),
                        () -> assertArrayEquals(made.apply(x).toFloatArray(), restored.apply(x).toFloatArray()),
                        () -> assertArrayEquals(made.denseWeight().toFloatArray(), restored.denseWeight().toFloatArray()),
                        () -> assertEquals(made.storageBits(), restored.storageBits()),
                        () -> assertEquals(made.parameterCount(), restored.parameterCount()));
            }
        }
    }

    @Test
    void aPayloadMissingATensorOrWithABadAttributeIsRefusedByName() {
        OperatorPayload payload = fixture.compress(rtn(8, false), weight(1), new Level("4bit", 4), MethodFixture.NONE)
                .payload();
        Map<String, Tensor> withoutScales = new HashMap<>(payload.tensors());
        withoutScales.remove("scales");
        PressoException missing = assertThrows(PressoException.class, () -> rtn(0, false).restore(OUT, IN,
                new OperatorPayload(withoutScales, payload.attributes()), fixture.context()));
        assertTrue(missing.getMessage().contains("'scales' is missing"), missing.getMessage());

        Map<String, String> badBits = new HashMap<>(payload.attributes());
        badBits.put("bits", "9");
        PressoException bits = assertThrows(PressoException.class, () -> rtn(0, false).restore(OUT, IN,
                new OperatorPayload(payload.tensors(), badBits), fixture.context()));
        assertTrue(bits.getMessage().contains("'bits' is \"9\""), bits.getMessage());

        Map<String, Tensor> extra = new HashMap<>(payload.tensors());
        extra.put("a", fixture.tensors().zeros(DType.F16, Shape.of(1, 1)));
        PressoException foreign = assertThrows(PressoException.class, () -> rtn(0, false).restore(OUT, IN,
                new OperatorPayload(extra, payload.attributes()), fixture.context()));
        assertTrue(foreign.getMessage().contains("[a] are not part"), foreign.getMessage());

        PressoException shape = assertThrows(PressoException.class,
                () -> rtn(0, false).restore(OUT, IN + 8, payload, fixture.context()));
        assertTrue(shape.getMessage().contains("expected"), shape.getMessage());
    }

    @Test
    void aLevelTheMethodDoesNotOfferIsRefused() {
        CompressionMethod method = rtn(0, false);
        PressoException e = assertThrows(PressoException.class,
                () -> fixture.compress(method, weight(2), new Level("9bit", 9), MethodFixture.NONE));
        assertTrue(e.getMessage().contains("level 9bit") && e.getMessage().contains("8bit, 7bit, 6bit"), e.getMessage());
        assertThrows(PressoException.class, () -> method.costBits(OUT, IN, new Level("4bit", 4.5)));
    }
}
