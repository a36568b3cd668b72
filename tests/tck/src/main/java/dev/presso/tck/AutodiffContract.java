package dev.presso.tck;

import dev.presso.host.GradientCheck;
import dev.presso.host.TensorRuntime;
import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.CustomFunction;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.FunctionContext;
import dev.presso.kernel.tensor.HashSpec;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import dev.presso.kernel.tensor.UnaryOp;
import dev.presso.tck.internal.GradientCases;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance of automatic differentiation on the backend: every differentiable operation of
 * {@link Tensor} and {@link Tensors}, run through the host's tensor front end
 * ({@link TensorRuntime#tensors}) on the backend under test, has gradients that agree with
 * central finite differences ({@link GradientCheck}, step {@code 1e-2}).
 *
 * <p>Because the front end writes every backward pass with the backend's own kernels (GEMM with
 * transposes, scatter-add, inverse RoPE, reductions over broadcast axes), a kernel that is wrong
 * only in the combinations backward passes use shows up here. Tolerances are
 * {@link Tolerances#gradientRelative()} and {@link Tolerances#gradientAbsolute()}.
 *
 * @since 1.0
 */
public interface AutodiffContract extends BackendContract {
    /**
     * Unary operations, with inputs away from their kinks and jumps.
     *
     * @param pair the backends
     * @return one test per operation
     */
    @TestFactory
    default Stream<DynamicTest> unaryGradientsMatchFiniteDifferences(BackendPair pair) {
        GradientCases g = new GradientCases(pair);
        for (UnaryOp op : UnaryOp.values()) {
            g.add("d/dx " + op, in -> in.get(0).map(op), () -> List.of(switch (op) {
                case LOG, SQRT, RSQRT -> g.uniform(Shape.of(3, 5), 0.5, 2);
                case RECIPROCAL, ABS, RELU, SIGN -> g.awayFromZero(Shape.of(3, 5), 0.2);
                case ROUND, FLOOR -> g.tensors().of(new float[] {0.25f, 1.3f, -0.7f, 2.2f, -1.2f, 0.7f,
                    3.3f, -2.7f, 0.2f, -0.3f, 1.75f, -1.75f, 4.1f, -4.1f, 0.4f}, Shape.of(3, 5));
                default -> g.gaussian(Shape.of(3, 5), 1);
            }));
        }
        return g.cases().stream();
    }

    /**
     * Binary operations with broadcasting in both operands, and with a scalar.
     *
     * @param pair the backends
     * @return one test per operation
     */
    @TestFactory
    default Stream<DynamicTest> binaryGradientsMatchFiniteDifferences(BackendPair pair) {
        GradientCases g = new GradientCases(pair);
        for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV,
            BinaryOp.MAX, BinaryOp.MIN, BinaryOp.POW}) {
            g.add("d/da d/db " + op + " [2, 3, 4] with [3, 1]", in -> in.get(0).zip(op, in.get(1)), () -> {
                Tensor a = switch (op) {
                    case POW, DIV -> g.uniform(Shape.of(2, 3, 4), 0.5, 2);
                    case MAX, MIN -> g.awayFromZero(Shape.of(2, 3, 4), 0.2);
                    default -> g.gaussian(Shape.of(2, 3, 4), 1);
                };
                Tensor b = switch (op) {
                    case POW, DIV -> g.uniform(Shape.of(3, 1), 0.5, 2);
                    case MAX, MIN -> g.uniform(Shape.of(3, 1), -0.05, 0.05);
                    default -> g.gaussian(Shape.of(3, 1), 1);
                };
                return List.of(a, b);
            });
            float s = op == BinaryOp.POW ? 3f : 0.01f;
            g.add("d/dx " + op + " scalar " + s, in -> in.get(0).zip(op, s),
                    () -> List.of(op == BinaryOp.POW || op == BinaryOp.DIV
                            ? g.uniform(Shape.of(4, 3), 0.5, 2) : g.awayFromZero(Shape.of(4, 3), 0.2)));
        }
        g.add("d/dx clamp", in -> in.get(0).clamp(-0.5f, 0.5f), () -> List.of(g.tensors().of(new float[] {
            -1f, -0.3f, 0.1f, 0.45f, 0.8f, -0.6f, 0.25f, 2f}, Shape.of(8))));
        return g.cases().stream();
    }

    /**
     * Matrix products with every transpose combination, batched and with a shared operand.
     *
     * @param pair the backends
     * @return one test per layout
     */
    @TestFactory
    default Stream<DynamicTest> matmulGradientsMatchFiniteDifferences(BackendPair pair) {
        GradientCases g = new GradientCases(pair);
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0;
            boolean tb = (t & 2) != 0;
            g.add("d matmul " + (ta ? "T" : "N") + (tb ? "T" : "N"),
                    in -> in.get(0).matmul(in.get(1), ta, tb),
                    () -> List.of(g.gaussian(ta ? Shape.of(4, 3) : Shape.of(3, 4), 1),
                            g.gaussian(tb ? Shape.of(5, 4) : Shape.of(4, 5), 1)));
        }
        g.add("d matmul batched [2, 3, 4] x [2, 4, 5]", in -> in.get(0).matmul(in.get(1)),
                () -> List.of(g.gaussian(Shape.of(2, 3, 4), 1), g.gaussian(Shape.of(2, 4, 5), 1)));
        g.add("d matmul batched [2, 3, 4] x shared [4, 5]", in -> in.get(0).matmul(in.get(1)),
                () -> List.of(g.gaussian(Shape.of(2, 3, 4), 1), g.gaussian(Shape.of(4, 5), 1)));
        return g.cases().stream();
    }

    /**
     * Reductions over one, several and all axes, with and without kept dimensions.
     *
     * @param pair the backends
     * @return one test per reduction and axes
     */
    @TestFactory
    default Stream<DynamicTest> reductionGradientsMatchFiniteDifferences(BackendPair pair) {
        GradientCases g = new GradientCases(pair);
        int[][] axesList = {{}, {1}, {0, 2}, {-1}};
        for (ReduceOp op : ReduceOp.values()) {
            for (int[] axes : axesList) {
                for (boolean keep : new boolean[] {false, true}) {
                    g.add("d reduce " + op + " axes " + java.util.Arrays.toString(axes) + (keep ? " keepDims" : ""),
                            in -> in.get(0).reduce(op, keep, axes), () -> List.of(g.distinct(Shape.of(2, 3, 4))));
                }
            }
        }
        return g.cases().stream();
    }

    /**
     * The neural operations: softmax, log-softmax, RMS normalization (input and weight), rotary
     * embedding (input) and the Walsh–Hadamard transform.
     *
     * @param pair the backends
     * @return one test per operation
     */
    @TestFactory
    default Stream<DynamicTest> neuralGradientsMatchFiniteDifferences(BackendPair pair) {
        GradientCases g = new GradientCases(pair);
        g.add("d softmax", in -> in.get(0).softmax(), () -> List.of(g.gaussian(Shape.of(3, 7), 1)));
        g.add("d logSoftmax", in -> in.get(0).logSoftmax(), () -> List.of(g.gaussian(Shape.of(3, 7), 1)));
        g.add("d rmsNorm (x and weight)", in -> in.get(0).rmsNorm(in.get(1), 1e-5f),
                () -> List.of(g.gaussian(Shape.of(3, 8), 1), g.gaussian(Shape.of(8), 1)));
        g.addWrt("d rope (x)", new int[] {0}, in -> in.get(0).rope(in.get(1), in.get(2)), () -> {
            int t = 3;
            int half = 2;
            float[] cos = new float[t * half];
            float[] sin = new float[t * half];
            for (int i = 0; i < cos.length; i++) {
                cos[i] = (float) Math.cos(0.7 * i + 0.3);
                sin[i] = (float) Math.sin(0.7 * i + 0.3);
            }
            return List.of(g.gaussian(Shape.of(t, 2, 2 * half), 1), g.tensors().of(cos, Shape.of(t, half)),
                    g.tensors().of(sin, Shape.of(t, half)));
        });
        g.add("d fwht block 4 of 8", in -> in.get(0).fwht(4, 0.5f), () -> List.of(g.gaussian(Shape.of(3, 8), 1)));
        return g.cases().stream();
    }

    /**
     * Layout and indexing: reshape, permute, slice, concatenation, gather with repeated indices,
     * hashed expansion, and casts through F16.
     *
     * @param pair the backends
     * @return one test per operation
     */
    @TestFactory
    default Stream<DynamicTest> layoutGradientsMatchFiniteDifferences(BackendPair pair) {
        GradientCases g = new GradientCases(pair);
        g.add("d reshape", in -> in.get(0).reshape(4, 6).map(UnaryOp.TANH),
                () -> List.of(g.gaussian(Shape.of(2, 3, 4), 1)));
        g.add("d permute", in -> in.get(0).permute(2, 0, 1).map(UnaryOp.TANH),
                () -> List.of(g.gaussian(Shape.of(2, 3, 4), 1)));
        g.add("d slice", in -> in.get(0).slice(1, 1, 3).map(UnaryOp.TANH),
                () -> List.of(g.gaussian(Shape.of(2, 4, 3), 1)));
        g.add("d concat", in -> g.tensors().concat(-1, List.of(in.get(0), in.get(1))).map(UnaryOp.TANH),
                () -> List.of(g.gaussian(Shape.of(2, 3), 1), g.gaussian(Shape.of(2, 2), 1)));
        g.addWrt("d gather (table, repeated indices)", new int[] {0}, in -> in.get(0).gather(in.get(1)),
                () -> List.of(g.gaussian(Shape.of(5, 3), 1),
                        g.tensors().ofInts(new int[] {4, 0, 4, 2, 4, 1}, Shape.of(2, 3))));
        g.add("d hashGather (theta)", in -> g.tensors().hashGather(in.get(0), new HashSpec(11), 4, 6),
                () -> List.of(g.gaussian(Shape.of(5), 1)));
        g.cases().add("d cast F32 -> F16 -> F32", () -> g.check("d cast", GradientCheck.of(g.tensors()).eps(0.25)
                .tolerance(pair.tolerances().gradientRelative(), pair.tolerances().gradientAbsolute()),
                in -> in.get(0).cast(DType.F16).cast(DType.F32).square(), () -> List.of(g.gaussian(Shape.of(6), 1))));
        return g.cases().stream();
    }

    /**
     * A custom function's hand-written backward pass, and a whole two-layer perceptron loss.
     *
     * @param pair the backends
     * @return the cases
     */
    @TestFactory
    default Stream<DynamicTest> compositeGradientsMatchFiniteDifferences(BackendPair pair) {
        GradientCases g = new GradientCases(pair);
        CustomFunction cube = new CustomFunction() {
            @Override
            public Tensor forward(FunctionContext context, List<Tensor> inputs) {
                context.save(inputs.get(0));
                return inputs.get(0).square().mul(inputs.get(0));
            }

            @Override
            public Tensor[] backward(FunctionContext context, Tensor outputGradient) {
                Tensor x = context.saved().get(0);
                return new Tensor[] {x.square().mul(3f).mul(outputGradient)};
            }
        };
        g.add("d custom function x^3", in -> g.tensors().apply(cube, in.get(0)),
                () -> List.of(g.gaussian(Shape.of(7), 1)));
        float[] oneHot = {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0};
        g.addWrt("d two-layer perceptron loss", new int[] {1, 2, 3}, in -> in.get(0).matmul(in.get(1)).add(in.get(2))
                .map(UnaryOp.SILU).matmul(in.get(3)).logSoftmax().mul(in.get(4)).sum().mul(-0.25f), () -> List.of(
                g.gaussian(Shape.of(4, 5), 1), g.gaussian(Shape.of(5, 6), 0.5), g.gaussian(Shape.of(6), 0.1),
                g.gaussian(Shape.of(6, 3), 0.5), g.tensors().of(oneHot, Shape.of(4, 3))));
        return g.cases().stream();
    }
}
