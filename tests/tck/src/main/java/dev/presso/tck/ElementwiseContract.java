package dev.presso.tck;

import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.UnaryOp;
import dev.presso.tck.internal.Cases;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance of the elementwise kernels {@code fill}, {@code unary}, {@code binary},
 * {@code scalar} and {@code clamp}: every operation on random inputs of sizes 1, 172 and 4099, on
 * special values (zeros, halves, overflow, infinities, NaN), with broadcasting, and in place
 * ({@code out} the same array as an input, which the contract allows).
 *
 * <p>Results must be within {@link Tolerances#elementwise()} of the float64 reference; NaN must
 * meet NaN and infinities must match.
 *
 * @since 1.0
 */
public interface ElementwiseContract extends BackendContract {
    /** Sizes every elementwise operation runs on. */
    Shape[] ELEMENTWISE_SHAPES = {Shape.of(0), Shape.of(1), Shape.of(172), Shape.of(7, 33), Shape.of(4099)};

    /**
     * Values every unary operation meets, where its result is defined by IEEE 754 and the
     * operation's definition: signed zeros, halves (for rounding), large arguments, infinities
     * and NaN.
     */
    float[] SPECIAL_VALUES = {0f, -0f, 1f, -1f, 0.5f, -0.5f, 1.5f, 2.5f, -2.5f, 3.5f, 1e-30f,
        -1e-30f, 30f, -30f, 88f, 89f, -100f, -104f, 1e30f, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.NaN};

    /**
     * Every unary operation matches the reference on random inputs in its domain.
     *
     * @param pair the backends
     * @return one test per operation and shape
     */
    @TestFactory
    default Stream<DynamicTest> unaryMatchesReference(BackendPair pair) {
        Cases cases = new Cases(pair);
        for (UnaryOp op : UnaryOp.values()) {
            for (Shape shape : ELEMENTWISE_SHAPES) {
                cases.add("unary " + op + " " + shape, () -> {
                    PairedArray x = unaryInput(pair, op, shape);
                    PairedArray out = pair.output(DType.F32, shape);
                    pair.run(s -> s.backend().unary(op, s.get(x), s.get(out)));
                    pair.assertClose("unary " + op, out);
                });
            }
        }
        return cases.stream();
    }

    /**
     * Every unary operation gives the reference result on special values, NaN and infinities
     * included (SILU and GELU are not checked at infinities, where {@code inf * 0} is ambiguous).
     *
     * @param pair the backends
     * @return one test per operation
     */
    @TestFactory
    default Stream<DynamicTest> unaryHandlesSpecialValues(BackendPair pair) {
        Cases cases = new Cases(pair);
        for (UnaryOp op : UnaryOp.values()) {
            cases.add("unary " + op + " on special values", () -> {
                float[] values = SPECIAL_VALUES.clone();
                if (op == UnaryOp.SILU || op == UnaryOp.GELU) {
                    for (int i = 0; i < values.length; i++) {
                        values[i] = Float.isInfinite(values[i]) ? 0f : values[i];
                    }
                }
                PairedArray x = pair.floats(values, Shape.of(values.length));
                PairedArray out = pair.output(DType.F32, x.shape());
                pair.run(s -> s.backend().unary(op, s.get(x), s.get(out)));
                pair.assertClose("unary " + op + " on special values", out,
                        pair.tolerances().elementwise(), 0);
            });
        }
        return cases.stream();
    }

    /**
     * Every unary operation is correct in place, with {@code out} the same array as {@code x}.
     *
     * @param pair the backends
     * @return one test per operation
     */
    @TestFactory
    default Stream<DynamicTest> unaryWorksInPlace(BackendPair pair) {
        Cases cases = new Cases(pair);
        for (UnaryOp op : UnaryOp.values()) {
            cases.add("unary " + op + " in place", () -> {
                PairedArray x = unaryInput(pair, op, Shape.of(3, 67));
                pair.run(s -> s.backend().unary(op, s.get(x), s.get(x)));
                pair.assertClose("unary " + op + " in place", x);
            });
        }
        return cases.stream();
    }

    /**
     * Every binary operation matches the reference with equal shapes and with broadcasting
     * (trailing alignment, size-1 dimensions, rank 0), including NaN operands.
     *
     * @param pair the backends
     * @return one test per operation and shape pair
     */
    @TestFactory
    default Stream<DynamicTest> binaryMatchesReferenceWithBroadcasting(BackendPair pair) {
        Cases cases = new Cases(pair);
        Shape[][] shapes = {
            {Shape.of(172), Shape.of(172), Shape.of(172)},
            {Shape.of(1), Shape.of(1), Shape.of(1)},
            {Shape.of(5, 172), Shape.of(172), Shape.of(5, 172)},
            {Shape.of(7, 1, 5), Shape.of(3, 1), Shape.of(7, 3, 5)},
            {Shape.of(1), Shape.of(4, 4), Shape.of(4, 4)},
            {Shape.scalar(), Shape.of(3), Shape.of(3)},
            {Shape.of(4099), Shape.of(4099), Shape.of(4099)},
            {Shape.of(0), Shape.of(0), Shape.of(0)},
            {Shape.of(0, 3), Shape.of(3), Shape.of(0, 3)},
        };
        for (BinaryOp op : BinaryOp.values()) {
            for (Shape[] s3 : shapes) {
                cases.add("binary " + op + " " + s3[0] + " " + s3[1], () -> {
                    PairedArray a = binaryInput(pair, op, s3[0], true);
                    PairedArray b = binaryInput(pair, op, s3[1], false);
                    PairedArray out = pair.output(DType.F32, s3[2]);
                    pair.run(s -> s.backend().binary(op, s.get(a), s.get(b), s.get(out)));
                    pair.assertClose("binary " + op, out);
                });
            }
        }
        return cases.stream();
    }

    /**
     * Every binary operation follows IEEE 754 on every pair of special values: signed zeros,
     * ones, halves, infinities and NaN (so {@code inf - inf}, {@code 0 * inf} and {@code 0 / 0}
     * are NaN, MAX and MIN propagate NaN, and comparisons with NaN are false).
     *
     * @param pair the backends
     * @return one test per operation
     */
    @TestFactory
    default Stream<DynamicTest> binaryHandlesSpecialValues(BackendPair pair) {
        Cases cases = new Cases(pair);
        float[] special = {0f, -0f, 1f, -1f, 2.5f, -0.5f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN};
        for (BinaryOp op : BinaryOp.values()) {
            cases.add("binary " + op + " on special values", () -> {
                Shape column = Shape.of(special.length, 1);
                Shape row = Shape.of(special.length);
                PairedArray a = pair.floats(special, column);
                PairedArray b = pair.floats(special, row);
                PairedArray out = pair.output(DType.F32, Shape.of(special.length, special.length));
                pair.run(s -> s.backend().binary(op, s.get(a), s.get(b), s.get(out)));
                pair.assertClose("binary " + op + " on special values", out,
                        pair.tolerances().elementwise(), 0);
            });
        }
        return cases.stream();
    }

    /**
     * Every binary operation is correct in place, with {@code out} the same array as {@code a}
     * or as {@code b}.
     *
     * @param pair the backends
     * @return one test per operation and aliased operand
     */
    @TestFactory
    default Stream<DynamicTest> binaryWorksInPlace(BackendPair pair) {
        Cases cases = new Cases(pair);
        for (BinaryOp op : BinaryOp.values()) {
            for (boolean intoA : new boolean[] {true, false}) {
                cases.add("binary " + op + " in place into " + (intoA ? "a" : "b"), () -> {
                    PairedArray a = binaryInput(pair, op, Shape.of(9, 31), true);
                    PairedArray b = binaryInput(pair, op, Shape.of(9, 31), false);
                    PairedArray out = intoA ? a : b;
                    pair.run(s -> s.backend().binary(op, s.get(a), s.get(b), s.get(out)));
                    pair.assertClose("binary " + op + " in place", out);
                });
            }
        }
        return cases.stream();
    }

    /**
     * Every scalar operation matches the reference, out of place and in place.
     *
     * @param pair the backends
     * @return one test per operation and scalar
     */
    @TestFactory
    default Stream<DynamicTest> scalarMatchesReference(BackendPair pair) {
        Cases cases = new Cases(pair);
        for (BinaryOp op : BinaryOp.values()) {
            for (float scalar : new float[] {0.75f, -2f, 0f}) {
                if (op == BinaryOp.POW && scalar == 0.75f) {
                    continue;
                }
                cases.add("scalar " + op + " " + scalar, () -> {
                    PairedArray x = binaryInput(pair, op, Shape.of(5, 41), true);
                    PairedArray out = pair.output(DType.F32, x.shape());
                    pair.run(s -> s.backend().scalar(op, s.get(x), scalar, s.get(out)));
                    pair.assertClose("scalar " + op + " " + scalar, out);
                    pair.run(s -> s.backend().scalar(op, s.get(x), scalar, s.get(x)));
                    pair.assertClose("scalar " + op + " " + scalar + " in place", x);
                });
            }
        }
        return cases.stream();
    }

    /**
     * Clamp matches the reference, keeps NaN, and works in place.
     *
     * @param pair the backends
     * @return the cases
     */
    @TestFactory
    default Stream<DynamicTest> clampMatchesReference(BackendPair pair) {
        Cases cases = new Cases(pair);
        cases.add("clamp [-0.5, 0.75]", () -> {
            double[] v = pair.gaussianValues(1001, 1);
            v[10] = Double.NaN;
            v[11] = Double.POSITIVE_INFINITY;
            v[12] = Double.NEGATIVE_INFINITY;
            PairedArray x = pair.upload(v, DType.F32, Shape.of(1001));
            PairedArray out = pair.output(DType.F32, x.shape());
            pair.run(s -> s.backend().clamp(s.get(x), -0.5f, 0.75f, s.get(out)));
            pair.assertExact("clamp", out);
            pair.run(s -> s.backend().clamp(s.get(x), -0.5f, 0.75f, s.get(x)));
            pair.assertExact("clamp in place", x);
        });
        cases.add("clamp with equal bounds", () -> {
            PairedArray x = pair.gaussian(Shape.of(17));
            PairedArray out = pair.output(DType.F32, x.shape());
            pair.run(s -> s.backend().clamp(s.get(x), 0.25f, 0.25f, s.get(out)));
            pair.assertExact("clamp to a point", out);
        });
        return cases.stream();
    }

    /**
     * Fill sets every F32 element, and truncates toward zero for I32.
     *
     * @param pair the backends
     * @return the cases
     */
    @TestFactory
    default Stream<DynamicTest> fillSetsEveryElement(BackendPair pair) {
        Cases cases = new Cases(pair);
        for (float value : new float[] {3.25f, -0f, Float.NaN, 2.7f, -2.7f}) {
            cases.add("fill F32 " + value, () -> {
                PairedArray out = pair.output(DType.F32, Shape.of(3, 173));
                pair.run(s -> s.backend().fill(s.get(out), value));
                pair.assertExact("fill " + value, out);
            });
            if (!Float.isNaN(value)) {
                cases.add("fill I32 " + value, () -> {
                    PairedArray out = pair.output(DType.I32, Shape.of(1025));
                    pair.run(s -> s.backend().fill(s.get(out), value));
                    pair.assertExact("fill I32 " + value, out);
                });
            }
        }
        return cases.stream();
    }

    /**
     * Elementwise kernels reject mismatched shapes and dtypes.
     *
     * @param pair the backends
     * @return one test per malformed call
     */
    @TestFactory
    default Stream<DynamicTest> elementwiseRejectsMalformedArguments(BackendPair pair) {
        Cases cases = new Cases(pair);
        cases.add("unary rejects an output of another shape", () -> {
            PairedArray x = pair.zeros(DType.F32, Shape.of(4, 3));
            PairedArray out = pair.zeros(DType.F32, Shape.of(3, 4));
            pair.assertRejected("unary EXP [4,3] -> [3,4]",
                    s -> s.backend().unary(UnaryOp.EXP, s.get(x), s.get(out)));
        });
        cases.add("unary rejects an I32 input", () -> {
            PairedArray x = pair.zeros(DType.I32, Shape.of(4));
            PairedArray out = pair.zeros(DType.F32, Shape.of(4));
            pair.assertRejected("unary EXP on I32",
                    s -> s.backend().unary(UnaryOp.EXP, s.get(x), s.get(out)));
        });
        cases.add("binary rejects shapes that do not broadcast", () -> {
            PairedArray a = pair.zeros(DType.F32, Shape.of(4, 3));
            PairedArray b = pair.zeros(DType.F32, Shape.of(4));
            PairedArray out = pair.zeros(DType.F32, Shape.of(4, 3));
            pair.assertRejected("binary ADD [4,3] + [4]",
                    s -> s.backend().binary(BinaryOp.ADD, s.get(a), s.get(b), s.get(out)));
        });
        cases.add("binary rejects an output that is not the broadcast shape", () -> {
            PairedArray a = pair.zeros(DType.F32, Shape.of(4, 3));
            PairedArray b = pair.zeros(DType.F32, Shape.of(3));
            PairedArray out = pair.zeros(DType.F32, Shape.of(3));
            pair.assertRejected("binary ADD into [3]",
                    s -> s.backend().binary(BinaryOp.ADD, s.get(a), s.get(b), s.get(out)));
        });
        cases.add("scalar rejects an output of another shape", () -> {
            PairedArray x = pair.zeros(DType.F32, Shape.of(5));
            PairedArray out = pair.zeros(DType.F32, Shape.of(6));
            pair.assertRejected("scalar MUL [5] -> [6]",
                    s -> s.backend().scalar(BinaryOp.MUL, s.get(x), 2f, s.get(out)));
        });
        cases.add("clamp rejects an output of another shape", () -> {
            PairedArray x = pair.zeros(DType.F32, Shape.of(5));
            PairedArray out = pair.zeros(DType.F32, Shape.of(5, 1));
            pair.assertRejected("clamp [5] -> [5,1]",
                    s -> s.backend().clamp(s.get(x), 0f, 1f, s.get(out)));
        });
        cases.add("fill rejects a packed array", () -> {
            PairedArray out = pair.zeros(DType.I4, Shape.of(8));
            pair.assertRejected("fill I4", s -> s.backend().fill(s.get(out), 1f));
        });
        return cases.stream();
    }

    /** Draws inputs inside the operation's domain (positive for logarithms and roots). */
    private static PairedArray unaryInput(BackendPair pair, UnaryOp op, Shape shape) {
        return switch (op) {
            case LOG, SQRT, RSQRT -> pair.uniform(shape, 0.01, 50);
            case RECIPROCAL -> signedAwayFromZero(pair, shape);
            case EXP -> pair.uniform(shape, -80, 80);
            case ROUND, FLOOR -> pair.uniform(shape, -10, 10);
            default -> pair.gaussian(DType.F32, shape, 4);
        };
    }

    /** Draws operands: positive bases for POW, divisors away from zero, and some exact ties. */
    private static PairedArray binaryInput(BackendPair pair, BinaryOp op, Shape shape,
            boolean left) {
        int n = Math.toIntExact(shape.size());
        double[] v = switch (op) {
            case POW -> left ? uniformValues(pair, n, 0.1, 4) : uniformValues(pair, n, -3, 3);
            case DIV -> left ? pair.gaussianValues(n, 2) : awayFromZero(pair, n);
            case GREATER, LESS, EQUAL, MAX, MIN -> {
                double[] r = pair.gaussianValues(n, 2);
                for (int i = 0; i < n; i++) {
                    r[i] = Math.rint(r[i]);
                }
                yield r;
            }
            default -> pair.gaussianValues(n, 2);
        };
        if (n > 3 && op != BinaryOp.POW) {
            v[left ? 1 : 2] = Double.NaN;
        }
        return pair.upload(v, DType.F32, shape);
    }

    private static double[] uniformValues(BackendPair pair, int n, double low, double high) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = pair.random().nextDouble(low, high);
        }
        return v;
    }

    private static double[] awayFromZero(BackendPair pair, int n) {
        double[] v = uniformValues(pair, n, 0.1, 4);
        for (int i = 0; i < n; i++) {
            v[i] = pair.random().nextBoolean() ? v[i] : -v[i];
        }
        return v;
    }

    private static PairedArray signedAwayFromZero(BackendPair pair, Shape shape) {
        return pair.upload(awayFromZero(pair, Math.toIntExact(shape.size())), DType.F32, shape);
    }
}
