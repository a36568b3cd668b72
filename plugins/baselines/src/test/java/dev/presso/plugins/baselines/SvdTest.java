package dev.presso.plugins.baselines;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.Calibration;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.modelfixtures.Matrices;
import dev.presso.modelfixtures.MethodFixture;
import dev.presso.plugins.baselines.internal.SvdMethod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Truncated SVD: the Eckart–Young error, exact factor storage, and whitening by correlated inputs. */
class SvdTest extends FixtureTest {
    private static final int OUT = 24;
    private static final int IN = 40;

    static CompressionMethod svd(boolean whitened) {
        return new SvdMethodProvider().create(Map.of("whitened", Boolean.toString(whitened)));
    }

    /** Inputs whose coordinates are strongly correlated and of very different scales. */
    Tensor correlatedInputs(int rows) {
        float[] mixing = fixture.randn(IN, IN, 77).toFloatArray();
        for (int i = 0; i < IN; i++) {
            for (int j = 0; j < IN; j++) {
                mixing[i * IN + j] *= (float) Math.exp(-i / 6.0);
            }
        }
        return fixture.randn(rows, IN, 78).matmul(fixture.tensors().of(mixing, Shape.of(IN, IN)));
    }

    @Test
    void levelsKeepTenthsOfTheParametersAsARank() {
        List<Level> levels = svd(false).levels();
        assertEquals(new Level("params-0.90", 0.9), levels.getFirst());
        assertEquals(new Level("params-0.10", 0.1), levels.getLast());
        Level half = MethodFixture.level(svd(false), "params-0.50");
        assertEquals(7, SvdMethod.rank(OUT, IN, half), "floor(0.5 * 960 / 64)");
        assertEquals(16L * 7 * (OUT + IN), svd(false).costBits(OUT, IN, half));
        assertEquals(1, SvdMethod.rank(OUT, IN, MethodFixture.level(svd(false), "params-0.10")), "floor(1.5)");
        assertEquals(27, SvdMethod.rank(64, 172, MethodFixture.level(svd(false), "params-0.60")),
                "floor(6604.8 / 236 = 27.99)");
    }

    @Test
    void plainErrorIsTheTailOfTheSingularValuesAtEveryLevel() {
        Tensor weight = fixture.randn(OUT, IN, 5);
        double[][] w = Matrices.rows(weight);
        double[] sigma = Float64.singularValues(w);
        double norm = Float64.frobenius(w);
        CompressionMethod method = svd(false);
        for (Level level : method.levels()) {
            LinearOperator op = fixture.compress(method, weight, level, MethodFixture.NONE);
            long rank = SvdMethod.rank(OUT, IN, level);
            double error = Float64.frobenius(Float64.subtract(w, Matrices.rows(op.denseWeight())));
            // F16 factors add a rounding error of about 2^-11 of the kept part.
            assertEquals(Float64.tail(sigma, rank), error, 2e-3 * norm, level.name() + " rank " + rank);
            OperatorPayload payload = op.payload();
            assertAll(level.name(),
                    () -> assertEquals(DType.F16, payload.tensors().get("a").dtype()),
                    () -> assertEquals(Shape.of(OUT, rank), payload.tensors().get("a").shape()),
                    () -> assertEquals(Shape.of(rank, IN), payload.tensors().get("b").shape()),
                    () -> assertEquals(Map.of("rank", Long.toString(rank), "whitened", "false"), payload.attributes()),
                    () -> assertEquals(16 * rank * (OUT + IN), op.storageBits()),
                    () -> assertEquals(method.costBits(OUT, IN, level), op.storageBits()),
                    () -> assertEquals(rank * (OUT + IN), op.parameterCount()));
        }
    }

    @Test
    void applyingTheFactorsIsTheProductWithTheirDenseWeight() {
        Tensor weight = fixture.randn(OUT, IN, 6);
        Tensor x = fixture.randn(9, IN, 7);
        LinearOperator op = fixture.compress(svd(false), weight, MethodFixture.level(svd(false), "params-0.50"),
                MethodFixture.NONE);
        double[][] expected = Float64.multiply(Matrices.rows(x), Float64.transpose(Matrices.rows(op.denseWeight())));
        double[][] actual = Matrices.rows(op.apply(x));
        assertEquals(0, Float64.frobenius(Float64.subtract(expected, actual)), 1e-5 * Float64.frobenius(expected));
    }

    @Test
    void whiteningByCorrelatedInputsLowersTheOutputErrorToTheWhitenedTail() {
        Tensor weight = fixture.randn(OUT, IN, 8);
        Tensor inputs = correlatedInputs(400);
        Calibration calibration = fixture.calibration(inputs);
        double[][] x = Matrices.rows(inputs);
        double[][] w = Matrices.rows(weight);
        double[][] gram = Float64.multiply(Float64.transpose(x), x);
        double meanDiagonal = 0;
        for (int i = 0; i < IN; i++) {
            meanDiagonal += gram[i][i] / IN;
        }
        for (int i = 0; i < IN; i++) {
            gram[i][i] += 0.01 * meanDiagonal;
        }
        double[] whitenedSigma = Float64.singularValues(Float64.multiply(w, Float64.cholesky(gram)));
        for (String name : List.of("params-0.30", "params-0.50", "params-0.70")) {
            Level level = MethodFixture.level(svd(false), name);
            double plain = outputError(x, w, fixture.compress(svd(false), weight, level, calibration));
            LinearOperator whitenedOp = fixture.compress(svd(true), weight, level, calibration);
            double whitened = outputError(x, w, whitenedOp);
            double bound = Float64.tail(whitenedSigma, SvdMethod.rank(OUT, IN, level));
            System.out.printf("svd %s on correlated inputs: output error plain %.4f, whitened %.4f (bound %.4f)%n",
                    name, plain, whitened, bound);
            assertTrue(whitened < 0.8 * plain, name + ": whitened " + whitened + " vs plain " + plain);
            // ||X D^T||^2 = ||D L||^2 - damping * ||D||^2 <= the whitened tail, up to F16 rounding.
            assertTrue(whitened <= bound * 1.01, name + ": whitened " + whitened + " above the bound " + bound);
            assertEquals("0.01", whitenedOp.payload().attributes().get("damp"));
            assertEquals(svd(true).costBits(OUT, IN, level), whitenedOp.storageBits());
        }
    }

    /** {@code ||X (W - W')^T||_F} in float64. */
    private static double outputError(double[][] x, double[][] w, LinearOperator op) {
        double[][] difference = Float64.subtract(w, Matrices.rows(op.denseWeight()));
        return Float64.frobenius(Float64.multiply(x, Float64.transpose(difference)));
    }

    @Test
    void restoringTheSavedPayloadComputesIdenticalOutputs() {
        Tensor weight = fixture.randn(OUT, IN, 9);
        Tensor x = fixture.randn(4, IN, 10);
        Calibration calibration = fixture.calibration(correlatedInputs(100));
        for (boolean whitened : new boolean[] {false, true}) {
            for (Level level : svd(whitened).levels()) {
                LinearOperator made = fixture.compress(svd(whitened), weight, level, calibration);
                LinearOperator restored = svd(false).restore(OUT, IN, fixture.copy(made.payload()), fixture.context());
                assertAll(level.name() + " whitened " + whitened,
                        () -> assertArrayEquals(made.apply(x).toFloatArray(), restored.apply(x).toFloatArray()),
                        () -> assertArrayEquals(made.denseWeight().toFloatArray(), restored.denseWeight().toFloatArray()));
            }
        }
    }

    @Test
    void whiteningWithoutACalibrationGramAsksForACalibrateStage() {
        PressoException e = assertThrows(PressoException.class, () -> fixture.compress(svd(true),
                fixture.randn(OUT, IN, 1), MethodFixture.level(svd(true), "params-0.50"), MethodFixture.NONE));
        assertTrue(e.getMessage().contains("test.layer") && e.getMessage().contains("calibrate stage"), e.getMessage());
    }

    @Test
    void aPayloadWithFactorsOfTheWrongShapeIsRefused() {
        OperatorPayload payload = fixture.compress(svd(false), fixture.randn(OUT, IN, 2),
                MethodFixture.level(svd(false), "params-0.50"), MethodFixture.NONE).payload();
        PressoException e = assertThrows(PressoException.class, () -> svd(false).restore(OUT + 1, IN,
                payload, fixture.context()));
        assertTrue(e.getMessage().contains("payload tensor 'a' is F16 [24, 7]; expected F16 [25, 7]"), e.getMessage());
    }
}
