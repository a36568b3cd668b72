package dev.presso.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.CustomFunction;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.FunctionContext;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import dev.presso.kernel.tensor.UnaryOp;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tape semantics: accumulation, no-grad, leaves, seeds, custom functions and their errors. */
class AutogradTests {
    private final Tensors tensors = TestTensors.reference();
    private TensorScope scope;

    @BeforeEach
    void open() {
        scope = tensors.scope();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    private Tensor vector(float... values) {
        return tensors.of(values, Shape.of(values.length));
    }

    private static float[] grad(Tensor t) {
        return t.grad().orElseThrow().toFloatArray();
    }

    @Test
    void gradientsAccumulateOverUsesAndOverPasses() {
        Tensor x = vector(1f, 2f, 3f).requiresGrad(true);
        x.mul(x).add(x).sum().backward();          // d/dx (x^2 + x) = 2x + 1
        assertArrayEquals(new float[] {3f, 5f, 7f}, grad(x), 1e-6f);
        x.mul(2f).sum().backward();                // a second pass adds 2
        assertArrayEquals(new float[] {5f, 7f, 9f}, grad(x), 1e-6f);
        x.zeroGrad();
        assertTrue(x.grad().isEmpty());
    }

    @Test
    void diamondGraphsSumBothPaths() {
        Tensor x = vector(0.5f, -1f).requiresGrad(true);
        Tensor h = x.mul(3f);
        Tensor y = h.map(UnaryOp.EXP).add(h.square()).add(x); // e^{3x} + 9x^2 + x
        y.sum().backward();
        float[] g = grad(x);
        for (int i = 0; i < 2; i++) {
            float xi = i == 0 ? 0.5f : -1f;
            assertEquals(3 * Math.exp(3 * xi) + 18 * xi + 1, g[i], 1e-4);
        }
    }

    @Test
    void sharedGradientStorageIsNeverAccumulatedInPlace() {
        // ADD hands one gradient storage to both inputs; MUL later adds into one of them before
        // the other is consumed, which must not change what the other one received
        for (boolean productFirst : new boolean[] {true, false}) {
            Tensor u = vector(0.3f, -0.2f).requiresGrad(true);
            Tensor a = u.map(UnaryOp.EXP);
            Tensor b = u.square();
            Tensor product = a.mul(b);
            Tensor sum = a.add(b);
            (productFirst ? product.add(sum) : sum.add(product)).sum().backward();
            float[] g = grad(u);
            for (int i = 0; i < 2; i++) {
                double ui = i == 0 ? 0.3 : -0.2;
                // d/du (e^u u^2 + e^u + u^2)
                double expected = Math.exp(ui) * ui * ui + Math.exp(ui) * 2 * ui + Math.exp(ui) + 2 * ui;
                assertEquals(expected, g[i], 1e-5, "product first: " + productFirst);
            }
        }
    }

    @Test
    void aLeafGradientIsNeverSharedWithAGradientInFlight() {
        // x + h gives the leaf x the very gradient storage that h's node still has to consume,
        // and x * h adds into x's gradient before h's node runs
        for (boolean productFirst : new boolean[] {true, false}) {
            Tensor x = vector(0.5f, 1.5f).requiresGrad(true);
            Tensor h = x.mul(3f);
            Tensor sum = x.add(h);
            Tensor product = x.mul(h);
            (productFirst ? product.add(sum) : sum.add(product)).sum().backward();
            float[] g = grad(x);
            assertEquals(6 * 0.5 + 4, g[0], 1e-5, "product first: " + productFirst); // d/dx (3x^2 + 4x)
            assertEquals(6 * 1.5 + 4, g[1], 1e-5, "product first: " + productFirst);
        }
    }

    @Test
    void noGradRecordsNothing() {
        Tensor x = vector(1f, 2f).requiresGrad(true);
        Tensor y;
        try (GradMode _ = tensors.noGrad()) {
            assertFalse(tensors.isGradEnabled());
            y = x.mul(2f);
        }
        assertTrue(tensors.isGradEnabled());
        assertFalse(y.requiresGrad());
        TensorException e = assertThrows(TensorException.class, () -> y.sum().backward());
        assertTrue(e.getMessage().contains("requires no gradient"), e.getMessage());
    }

    @Test
    void backwardNeedsAScalarOrASeed() {
        Tensor x = vector(1f, 2f, 3f).requiresGrad(true);
        Tensor y = x.square();
        TensorException e = assertThrows(TensorException.class, y::backward);
        assertTrue(e.getMessage().contains("one-element") && e.getMessage().contains("[3]"), e.getMessage());
        y.backward(vector(1f, 0f, -1f));
        assertArrayEquals(new float[] {2f, 0f, -6f}, grad(x), 1e-6f);
    }

    @Test
    void theGraphIsFreedByBackward() {
        Tensor x = vector(1f).requiresGrad(true);
        Tensor loss = x.map(UnaryOp.EXP).sum();
        loss.backward();
        TensorException e = assertThrows(TensorException.class, loss::backward);
        assertTrue(e.getMessage().contains("already freed"), e.getMessage());
    }

    @Test
    void onlyFloatingPointLeavesRequireGradients() {
        Tensor ids = tensors.ofInts(new int[] {1, 2}, Shape.of(2));
        assertThrows(TensorException.class, () -> ids.requiresGrad(true));
        Tensor x = vector(1f).requiresGrad(true);
        Tensor y = x.mul(2f);
        TensorException e = assertThrows(TensorException.class, () -> y.requiresGrad(true));
        assertTrue(e.getMessage().contains("leaf"), e.getMessage());
        Tensor detached = y.detach();
        assertFalse(detached.requiresGrad());
        detached.requiresGrad(true).square().sum().backward();
        assertArrayEquals(new float[] {4f}, grad(detached), 1e-6f);
        assertTrue(x.grad().isEmpty(), "detach cuts the graph");
    }

    @Test
    void maxReductionSplitsTiesEvenly() {
        Tensor x = vector(1f, 3f, 3f, 2f).requiresGrad(true);
        x.reduce(ReduceOp.MAX, false).backward();
        assertArrayEquals(new float[] {0f, 0.5f, 0.5f, 0f}, grad(x), 1e-6f);
        Tensor a = vector(1f, 2f).requiresGrad(true);
        Tensor b = vector(1f, 3f).requiresGrad(true);
        a.zip(BinaryOp.MAX, b).sum().backward();
        assertArrayEquals(new float[] {0.5f, 0f}, grad(a), 1e-6f);
        assertArrayEquals(new float[] {0.5f, 1f}, grad(b), 1e-6f);
    }

    @Test
    void roundingAndComparisonsHaveNoGradient() {
        Tensor x = vector(0.4f, 1.6f).requiresGrad(true);
        x.map(UnaryOp.ROUND).add(x.map(UnaryOp.FLOOR)).sum().backward();
        assertArrayEquals(new float[] {0f, 0f}, grad(x));
        assertFalse(x.zip(BinaryOp.GREATER, 1f).requiresGrad());
    }

    @Test
    void castsBetweenFloatsPassTheGradientThrough() {
        Tensor x = vector(1.5f, -2f).requiresGrad(true);
        x.cast(DType.BF16).cast(DType.F32).mul(3f).sum().backward();
        assertArrayEquals(new float[] {3f, 3f}, grad(x));
        Tensor half = vector(1f, 2f).cast(DType.F16).requiresGrad(true);
        half.cast(DType.F32).square().sum().backward();
        Tensor g = half.grad().orElseThrow();
        assertEquals(DType.F16, g.dtype(), "a leaf's gradient has the leaf's dtype");
        assertArrayEquals(new float[] {2f, 4f}, g.toFloatArray());
        assertFalse(vector(1f).requiresGrad(true).cast(DType.I32).requiresGrad());
    }

    @Test
    void straightThroughEstimatorAsCustomFunction() {
        CustomFunction straightThroughRound = new CustomFunction() {
            @Override
            public Tensor forward(FunctionContext context, List<Tensor> inputs) {
                assertFalse(context.tensors().isGradEnabled(), "forward runs with recording off");
                return inputs.get(0).map(UnaryOp.ROUND);
            }

            @Override
            public Tensor[] backward(FunctionContext context, Tensor outputGradient) {
                return new Tensor[] {outputGradient};
            }
        };
        Tensor x = vector(0.2f, 0.7f, -1.4f).requiresGrad(true);
        Tensor q = tensors.apply(straightThroughRound, x);
        assertArrayEquals(new float[] {0f, 1f, -1f}, q.toFloatArray());
        q.mul(vector(1f, 2f, 3f)).sum().backward();
        assertArrayEquals(new float[] {1f, 2f, 3f}, grad(x));
    }

    @Test
    void customFunctionsSaveTensorsAndMayGiveNoGradient() {
        CustomFunction scaleByFirst = new CustomFunction() {
            @Override
            public Tensor forward(FunctionContext context, List<Tensor> inputs) {
                context.save(inputs.get(1));
                return inputs.get(0).mul(inputs.get(1));
            }

            @Override
            public Tensor[] backward(FunctionContext context, Tensor outputGradient) {
                return new Tensor[] {outputGradient.mul(context.saved().get(0)), null};
            }
        };
        Tensor x = vector(1f, 2f).requiresGrad(true);
        Tensor s = vector(3f, 4f).requiresGrad(true);
        Tensor y = tensors.apply(scaleByFirst, x, s);
        s.close(); // the context saved its own view
        y.sum().backward();
        assertArrayEquals(new float[] {3f, 4f}, grad(x));
    }

    @Test
    void customFunctionsReturningAnInputGetANewOutput() {
        CustomFunction identity = new CustomFunction() {
            @Override
            public Tensor forward(FunctionContext context, List<Tensor> inputs) {
                return inputs.get(0);
            }

            @Override
            public Tensor[] backward(FunctionContext context, Tensor outputGradient) {
                return new Tensor[] {outputGradient.mul(2f)};
            }
        };
        Tensor x = vector(5f).requiresGrad(true);
        Tensor y = tensors.apply(identity, x);
        y.backward();
        assertArrayEquals(new float[] {2f}, grad(x));
        assertSame(x, x.requiresGrad(true), "x is still a leaf");
    }

    @Test
    void customFunctionGradientsOfTheWrongShapeAreReported() {
        CustomFunction broken = new CustomFunction() {
            @Override
            public Tensor forward(FunctionContext context, List<Tensor> inputs) {
                return inputs.get(0).mul(1f);
            }

            @Override
            public Tensor[] backward(FunctionContext context, Tensor outputGradient) {
                return new Tensor[] {outputGradient.sum()};
            }
        };
        Tensor x = vector(1f, 2f).requiresGrad(true);
        TensorException e = assertThrows(TensorException.class, () -> tensors.apply(broken, x).sum().backward());
        assertTrue(e.getMessage().contains("expected a floating-point gradient of shape [2]"), e.getMessage());
    }

    @Test
    void gradientCheckCatchesAWrongBackward() {
        CustomFunction wrongSquare = new CustomFunction() {
            @Override
            public Tensor forward(FunctionContext context, List<Tensor> inputs) {
                context.save(inputs.get(0));
                return inputs.get(0).square();
            }

            @Override
            public Tensor[] backward(FunctionContext context, Tensor outputGradient) {
                return new Tensor[] {outputGradient.mul(context.saved().get(0))}; // misses the factor 2
            }
        };
        GradientCheck.Result result = GradientCheck.of(tensors)
                .check(in -> tensors.apply(wrongSquare, in.get(0)), tensors.randn(Shape.of(5), 3));
        assertFalse(result.passed());
        assertTrue(result.report().contains("FAILED") && result.report().contains("MISMATCH"), result.report());
    }

    @Test
    void decompositionsAndTopKAreNotRecorded() {
        Tensor a = tensors.of(new float[] {4f, 1f, 1f, 3f}, Shape.of(2, 2)).requiresGrad(true);
        dev.presso.kernel.tensor.TopK top = tensors.topK(a, 1);
        assertArrayEquals(new float[] {4f, 3f}, top.values().toFloatArray());
        assertArrayEquals(new int[] {0, 1}, top.indices().toIntArray());
        assertFalse(top.values().requiresGrad());
        Tensor l = tensors.cholesky(a);
        assertFalse(l.requiresGrad());
        assertEquals(2f, l.toFloatArray()[0], 1e-6f);
        dev.presso.kernel.tensor.Svd svd = tensors.svd(a, false);
        assertEquals(Shape.of(2), svd.s().shape());
        dev.presso.kernel.tensor.Eigh eigh = tensors.eigh(a);
        float[] values = eigh.values().toFloatArray();
        assertTrue(values[0] <= values[1]);
        assertEquals(7f, values[0] + values[1], 1e-5f);
    }

    @Test
    void gradientCheckValidatesItsArguments() {
        Tensor ids = tensors.ofInts(new int[] {0}, Shape.of(1));
        GradientCheck check = GradientCheck.of(tensors).wrt(0);
        assertThrows(IllegalArgumentException.class, () -> check.check(in -> in.get(0), ids));
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(tensors).eps(0));
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(tensors).tolerance(-1, 0));
    }

    @Test
    void randomTensorsAreReproducible() {
        float[] a = tensors.randn(Shape.of(1001), 42).toFloatArray();
        assertArrayEquals(a, tensors.randn(Shape.of(1001), 42).toFloatArray());
        float[] other = tensors.randn(Shape.of(1001), 43).toFloatArray();
        assertFalse(java.util.Arrays.equals(a, other));
        double mean = 0;
        double square = 0;
        for (float v : a) {
            mean += v / a.length;
            square += (double) v * v / a.length;
        }
        assertEquals(0, mean, 0.1);
        assertEquals(1, square, 0.15);
        float[] u = tensors.rand(Shape.of(500), 7).toFloatArray();
        for (float v : u) {
            assertTrue(v >= 0 && v < 1);
        }
        assertArrayEquals(u, tensors.rand(Shape.of(500), 7).toFloatArray());
    }
}
