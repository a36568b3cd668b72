package dev.presso.host;

import static dev.presso.host.TestTensors.awayFromZero;
import static dev.presso.host.TestTensors.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.HashSpec;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import dev.presso.kernel.tensor.UnaryOp;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every differentiable operation's autodiff gradient against central finite differences. */
class OpGradientTests {
    private final Tensors tensors = TestTensors.reference();
    private final GradientCheck check = GradientCheck.of(tensors).eps(1e-2).tolerance(1e-2, 1e-3);
    private TensorScope scope;
    private long startBytes;

    @BeforeEach
    void open() {
        startBytes = TestTensors.liveBytes(tensors);
        scope = tensors.scope();
    }

    @AfterEach
    void closeAndCheckMemory() {
        scope.close();
        assertEquals(startBytes, TestTensors.liveBytes(tensors), "every tensor of the check was released");
    }

    private void assertGradients(Function<List<Tensor>, Tensor> function, Tensor... inputs) {
        assertGradients(check, function, inputs);
    }

    private static void assertGradients(GradientCheck check, Function<List<Tensor>, Tensor> function,
            Tensor... inputs) {
        GradientCheck.Result result = check.check(function, inputs);
        assertTrue(result.passed(), result::report);
        assertEquals(inputs.length == 0 ? 0 : result.inputs().size(), result.inputs().size());
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryOps(UnaryOp op) {
        Shape shape = Shape.of(3, 4);
        Tensor x = switch (op) {
            case LOG, SQRT, RSQRT -> uniform(tensors, shape, 1, 0.5f, 2f);
            case RECIPROCAL, ABS, RELU, SIGN -> awayFromZero(tensors, shape, 2, 0.2f);
            // away from the jumps of round (k + 0.5) and floor (k)
            case ROUND, FLOOR -> tensors.of(new float[] {0.25f, 1.3f, -0.7f, 2.2f, -1.2f, 0.7f, 3.3f, -2.7f,
                0.2f, -0.3f, 1.75f, -1.75f}, shape);
            default -> tensors.randn(shape, 3);
        };
        assertGradients(in -> in.get(0).map(op), x);
    }

    @ParameterizedTest
    @EnumSource(value = BinaryOp.class, names = {"ADD", "SUB", "MUL", "DIV", "MAX", "MIN", "POW"})
    void binaryOpsWithBroadcasting(BinaryOp op) {
        // positive operands for POW and DIV (both orders are checked); for MAX and MIN the
        // operands differ by more than eps: |a| >= 0.2 while |b| <= 0.05
        Tensor a = switch (op) {
            case POW, DIV -> uniform(tensors, Shape.of(2, 3, 4), 4, 0.5f, 2f);
            case MAX, MIN -> awayFromZero(tensors, Shape.of(2, 3, 4), 4, 0.2f);
            default -> tensors.randn(Shape.of(2, 3, 4), 4);
        };
        Tensor b = switch (op) {
            case POW, DIV -> uniform(tensors, Shape.of(3, 1), 5, 0.5f, 1.5f);
            case MAX, MIN -> uniform(tensors, Shape.of(3, 1), 5, -0.05f, 0.05f);
            default -> tensors.randn(Shape.of(3, 1), 5);
        };
        assertGradients(in -> in.get(0).zip(op, in.get(1)), a, b);
        assertGradients(in -> in.get(1).zip(op, in.get(0)), a, b);
    }

    @ParameterizedTest
    @EnumSource(value = BinaryOp.class, names = {"ADD", "SUB", "MUL", "DIV", "MAX", "MIN", "POW"})
    void scalarOps(BinaryOp op) {
        Tensor x = op == BinaryOp.POW ? uniform(tensors, Shape.of(2, 5), 6, 0.5f, 2f)
                : awayFromZero(tensors, Shape.of(2, 5), 6, 0.2f);
        assertGradients(in -> in.get(0).zip(op, op == BinaryOp.POW ? 1.7f : 0.05f), x);
    }

    @Test
    void clampPassesGradientInsideTheRange() {
        Tensor x = tensors.of(new float[] {-2f, -0.5f, 0.3f, 0.9f, 1.6f, 3f}, Shape.of(6));
        assertGradients(in -> in.get(0).clamp(-1f, 1f), x);
    }

    @ParameterizedTest
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void matmulWithTransposes(boolean ta, boolean tb) {
        Tensor a = tensors.randn(ta ? Shape.of(4, 3) : Shape.of(3, 4), 7);
        Tensor b = tensors.randn(tb ? Shape.of(5, 4) : Shape.of(4, 5), 8);
        assertGradients(in -> in.get(0).matmul(in.get(1), ta, tb), a, b);
    }

    @ParameterizedTest
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void batchedMatmulAndSharedOperands(boolean ta, boolean tb) {
        Tensor a = tensors.randn(ta ? Shape.of(2, 4, 3) : Shape.of(2, 3, 4), 9);
        Tensor b = tensors.randn(tb ? Shape.of(2, 5, 4) : Shape.of(2, 4, 5), 10);
        Tensor sharedA = tensors.randn(ta ? Shape.of(4, 3) : Shape.of(3, 4), 11);
        Tensor sharedB = tensors.randn(tb ? Shape.of(5, 4) : Shape.of(4, 5), 12);
        assertGradients(in -> in.get(0).matmul(in.get(1), ta, tb), a, b);
        assertGradients(in -> in.get(0).matmul(in.get(1), ta, tb), a, sharedB);
        assertGradients(in -> in.get(0).matmul(in.get(1), ta, tb), sharedA, b);
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reductions(ReduceOp op) {
        Tensor x = tensors.randn(Shape.of(2, 3, 4), 13);
        assertGradients(in -> in.get(0).reduce(op, false), x);
        assertGradients(in -> in.get(0).reduce(op, true, 1), x);
        assertGradients(in -> in.get(0).reduce(op, false, 0, -1), x);
    }

    @Test
    void softmaxAndLogSoftmax() {
        Tensor x = tensors.randn(Shape.of(3, 5), 14);
        assertGradients(in -> in.get(0).softmax(), x);
        assertGradients(in -> in.get(0).logSoftmax(), x);
    }

    @Test
    void rmsNormInInputAndWeight() {
        Tensor x = tensors.randn(Shape.of(2, 3, 8), 15);
        Tensor w = uniform(tensors, Shape.of(8), 16, 0.5f, 1.5f);
        assertGradients(in -> in.get(0).rmsNorm(in.get(1), 1e-5f), x, w);
    }

    @Test
    void ropeDifferentiatesTheInputOnly() {
        int t = 3;
        int half = 2;
        float[] cos = new float[t * half];
        float[] sin = new float[t * half];
        for (int p = 0; p < t; p++) {
            for (int i = 0; i < half; i++) {
                double angle = p / Math.pow(10000, (double) i / half);
                cos[p * half + i] = (float) Math.cos(angle);
                sin[p * half + i] = (float) Math.sin(angle);
            }
        }
        Tensor x = tensors.randn(Shape.of(2, t, 2, 2 * half), 17);
        Tensor c = tensors.of(cos, Shape.of(t, half));
        Tensor s = tensors.of(sin, Shape.of(t, half));
        assertGradients(check.wrt(0), in -> in.get(0).rope(in.get(1), in.get(2)), x, c, s);
    }

    @Test
    void fwhtIsItsOwnGradient() {
        Tensor x = tensors.randn(Shape.of(2, 8), 18);
        assertGradients(in -> in.get(0).fwht(4, 0.5f), x);
    }

    @Test
    void layoutOps() {
        Tensor x = tensors.randn(Shape.of(2, 3, 4), 19);
        assertGradients(in -> in.get(0).reshape(4, -1).map(UnaryOp.TANH), x);
        assertGradients(in -> in.get(0).permute(2, 0, 1).map(UnaryOp.TANH), x);
        assertGradients(in -> in.get(0).slice(1, 1, 3), x);
    }

    @Test
    void concatRoutesEachPart() {
        Tensor a = tensors.randn(Shape.of(2, 3), 20);
        Tensor b = tensors.randn(Shape.of(2, 1), 21);
        assertGradients(in -> tensors.concat(-1, List.of(in.get(0), in.get(1), in.get(0))), a, b);
    }

    @Test
    void gatherScatterAddsIntoTheTable() {
        Tensor table = tensors.randn(Shape.of(5, 3), 22);
        Tensor indices = tensors.ofInts(new int[] {0, 4, 4, 2, 1, 0, 4, 3}, Shape.of(2, 4));
        assertGradients(in -> in.get(0).gather(in.get(1)), table, indices);
    }

    @Test
    void hashGatherHashScatterAddsIntoTheBuckets() {
        Tensor theta = tensors.randn(Shape.of(7), 23);
        assertGradients(in -> tensors.hashGather(in.get(0), new HashSpec(99), 4, 5), theta);
    }

    @Test
    void smallNetworkEndToEnd() {
        Tensor x = tensors.randn(Shape.of(4, 3), 24);
        Tensor w1 = tensors.randn(Shape.of(3, 5), 25);
        Tensor b1 = tensors.randn(Shape.of(5), 26);
        Tensor w2 = tensors.randn(Shape.of(5, 2), 27);
        Tensor labels = tensors.ofInts(new int[] {0, 1, 1, 0}, Shape.of(4, 1));
        assertGradients(in -> {
            Tensor h = in.get(0).matmul(in.get(1)).add(in.get(2)).map(UnaryOp.SILU);
            Tensor logp = h.matmul(in.get(3)).logSoftmax();
            Tensor picked = logp.mul(oneHot(in.get(4), 2)).reduce(ReduceOp.SUM, false, -1);
            return picked.mean().mul(-1f);
        }, x, w1, b1, w2, labels);
    }

    /** One-hot rows from I32 labels {@code [N, 1]} without a gradient: EQUAL against 0..C-1. */
    private Tensor oneHot(Tensor labels, int classes) {
        float[] ids = new float[classes];
        for (int i = 0; i < classes; i++) {
            ids[i] = i;
        }
        return labels.cast(dev.presso.kernel.tensor.DType.F32).zip(BinaryOp.EQUAL, tensors.of(ids, Shape.of(classes)));
    }
}
