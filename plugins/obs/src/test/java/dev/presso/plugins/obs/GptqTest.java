package dev.presso.plugins.obs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.Calibration;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.modelfixtures.Matrices;
import dev.presso.modelfixtures.MethodFixture;
import dev.presso.plugins.baselines.RtnMethodProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GptqTest {
    private final CompressionMethod gptq = new GptqMethodProvider().create(Map.of());

    @Test
    void lowersTheLayerOutputErrorBelowRoundToNearestAtEqualBits() {
        try (MethodFixture f = new MethodFixture()) {
            Tensor inputs = f.correlatedInputs(512, 172, 1);
            Tensor weight = f.randn(64, 172, 2);
            Calibration calibration = f.calibration(inputs);
            CompressionMethod rtn = new RtnMethodProvider().create(Map.of("group-size", "128"));
            for (String level : new String[] {"2bit", "3bit", "4bit"}) {
                LinearOperator q = f.compress(gptq, weight, MethodFixture.level(gptq, level), calibration);
                LinearOperator r = f.compress(rtn, weight, MethodFixture.level(rtn, level), calibration);
                assertEquals(r.storageBits(), q.storageBits(), "equal storage at " + level);
                double gptqError = Matrices.outputError(inputs, weight, q);
                double rtnError = Matrices.outputError(inputs, weight, r);
                System.out.printf("%s: output error gptq %.1f, rtn %.1f%n", level, gptqError, rtnError);
                assertTrue(gptqError < 0.8 * rtnError, level + ": gptq " + gptqError + " < rtn " + rtnError);
            }
        }
    }

    @Test
    void aDatabaseLadderOfTwoToFourBitsInGroupsOf32CostsExactlyAndLosesLessWithMoreBits() {
        CompressionMethod grouped = new GptqMethodProvider().create(Map.of("group-size", "32"));
        try (MethodFixture f = new MethodFixture()) {
            int[][] shapes = {{64, 64}, {32, 64}, {172, 64}, {64, 172}};
            for (int[] shape : shapes) {
                Tensor inputs = f.correlatedInputs(256, shape[1], shape[0]);
                Tensor weight = f.randn(shape[0], shape[1], shape[1]);
                double previous = Double.POSITIVE_INFINITY;
                for (int bits = 2; bits <= 4; bits++) {
                    var level = MethodFixture.level(grouped, bits + "bit");
                    LinearOperator op = f.compress(grouped, weight, level, f.calibration(inputs));
                    long groups = (shape[1] + 31) / 32;
                    assertEquals(bits * (long) shape[0] * shape[1] + shape[0] * groups * (16 + bits),
                            op.storageBits(), shape[0] + "x" + shape[1] + " at " + bits + " bits");
                    double error = Matrices.outputError(inputs, weight, op);
                    assertTrue(error < previous, shape[0] + "x" + shape[1] + ": " + bits + " bits lose " + error
                            + ", not less than " + previous);
                    previous = error;
                }
            }
        }
    }

    @Test
    void storesExactlyItsCostAndRestoresIdenticalOutputs() {
        try (MethodFixture f = new MethodFixture()) {
            Tensor inputs = f.correlatedInputs(200, 172, 3);
            Tensor weight = f.randn(24, 172, 4);
            for (String groupSize : new String[] {"0", "128", "64", "7"}) {
                CompressionMethod method = new GptqMethodProvider().create(Map.of("group-size", groupSize));
                for (int bits = 2; bits <= 8; bits++) {
                    var level = MethodFixture.level(method, bits + "bit");
                    LinearOperator op = f.compress(method, weight, level, f.calibration(inputs));
                    long groups = groupSize.equals("0") ? 1 : (172 + Long.parseLong(groupSize) - 1)
                            / Long.parseLong(groupSize);
                    long expected = bits * 24L * 172 + 24L * groups * (16 + bits);
                    assertEquals(expected, op.storageBits(), groupSize + "/" + bits);
                    assertEquals(expected, method.costBits(24, 172, level));
                    LinearOperator restored = method.restore(24, 172, f.copy(op.payload()), f.context());
                    assertArrayEquals(op.apply(inputs).toFloatArray(), restored.apply(inputs).toFloatArray());
                    assertArrayEquals(op.denseWeight().toFloatArray(), restored.denseWeight().toFloatArray());
                }
            }
        }
    }

    @Test
    void handlesALayerNarrowerThanTheGroup() {
        try (MethodFixture f = new MethodFixture()) {
            Tensor inputs = f.correlatedInputs(100, 20, 5);
            Tensor weight = f.randn(8, 20, 6);
            LinearOperator op = f.compress(gptq, weight, MethodFixture.level(gptq, "4bit"), f.calibration(inputs));
            assertEquals(4L * 8 * 20 + 8 * (16 + 4), op.storageBits());
        }
    }

    @Test
    void zeroesDeadColumns() {
        try (MethodFixture f = new MethodFixture()) {
            float[] x = f.correlatedInputs(100, 16, 7).toFloatArray();
            for (int r = 0; r < 100; r++) {
                x[r * 16 + 5] = 0;
            }
            Tensor inputs = f.tensors().of(x, Shape.of(100, 16));
            Tensor weight = f.randn(8, 16, 8);
            float[] w = f.compress(gptq, weight, MethodFixture.level(gptq, "8bit"), f.calibration(inputs)).denseWeight()
                    .toFloatArray();
            float[] original = weight.toFloatArray();
            for (int r = 0; r < 8; r++) {
                assertEquals(0f, w[r * 16 + 5], "dead column zeroed");
                assertEquals(original[r * 16 + 4], w[r * 16 + 4], 0.05f, "live column kept close at 8 bits");
            }
        }
    }

    @Test
    void refusesToRunWithoutCalibrationNamingTheFix() {
        try (MethodFixture f = new MethodFixture()) {
            PressoException e = assertThrows(PressoException.class, () -> f.compress(gptq, f.randn(4, 8, 1),
                    MethodFixture.level(gptq, "4bit"), MethodFixture.NONE));
            assertTrue(e.getMessage().contains("calibrate stage"), e.getMessage());
        }
    }

    @Test
    void refusesBadSettings() {
        assertThrows(PressoException.class, () -> new GptqMethodProvider().create(Map.of("group-size", "-1")));
        assertThrows(PressoException.class, () -> new GptqMethodProvider().create(Map.of("damp", "0")));
        assertThrows(PressoException.class, () -> new GptqMethodProvider().create(Map.of("bits", "3")));
    }
}
