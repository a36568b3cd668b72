package dev.presso.plugins.tensorcpu.internal.elementwise;

import static dev.presso.plugins.tensorcpu.Kernels.assertClose;
import static dev.presso.plugins.tensorcpu.Kernels.assertTensorError;
import static dev.presso.plugins.tensorcpu.Kernels.floats;
import static dev.presso.plugins.tensorcpu.Kernels.random;
import static dev.presso.plugins.tensorcpu.Kernels.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.UnaryOp;
import dev.presso.plugins.tensorcpu.Kernels;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElementwiseKernelsTest {
    private static final int[] SIZES = {1, 17, 172, 70_001};

    private final TensorBackend backend = Kernels.open();

    @AfterAll
    void close() {
        backend.close();
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryMatchesDoubleReferenceAtEverySize(UnaryOp op) {
        for (int n : SIZES) {
            float[] x = random(n, n, 4.0);
            x[0] = op == UnaryOp.ROUND ? 2.5f : x[0];
            double[] expected = new double[n];
            for (int i = 0; i < n; i++) {
                expected[i] = reference(op).applyAsDouble(x[i]);
            }
            try (DeviceArray in = floats(backend, x, n); DeviceArray out = zeros(backend, n)) {
                backend.unary(op, in, out);
                assertClose(expected, backend.toFloats(out), 2e-6, 1e-6, op + " n=" + n);
                backend.unary(op, in, in);
                assertClose(expected, backend.toFloats(in), 2e-6, 1e-6, op + " in place n=" + n);
            }
        }
    }

    @Test
    void unaryPropagatesNaNAndHandlesEdges() {
        float[] x = {Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, -1f};
        float[] relu = run(UnaryOp.RELU, x);
        assertArrayEquals(new float[] {Float.NaN, 0f, 0f, Float.POSITIVE_INFINITY, 0f}, relu);
        float[] sign = run(UnaryOp.SIGN, x);
        assertArrayEquals(new float[] {Float.NaN, 0f, -0f, 1f, -1f}, sign);
        float[] log = run(UnaryOp.LOG, x);
        assertArrayEquals(new float[] {Float.NaN, Float.NEGATIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN}, log);
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryBroadcastsLikeNumPy(BinaryOp op) {
        long[][][] cases = {
            {{172}, {172}}, {{4, 172}, {172}}, {{4, 172}, {1}}, {{}, {3, 5}},
            {{3, 1}, {1, 5}}, {{2, 1, 5}, {3, 1}}, {{2, 3, 17}, {2, 1, 17}}, {{300, 301}, {300, 1}},
            {{1, 7}, {7}}, {{5}, {1, 5}}};
        for (long[][] c : cases) {
            checkBinary(op, Shape.of(c[0]), Shape.of(c[1]));
            checkBinary(op, Shape.of(c[1]), Shape.of(c[0]));
        }
    }

    @Test
    void binaryMayWriteIntoAnInputOfItsOwnShape() {
        try (DeviceArray a = floats(backend, new float[] {1, 2, 3, 4}, 2, 2);
                DeviceArray b = floats(backend, new float[] {10, 20}, 2)) {
            backend.binary(BinaryOp.ADD, a, b, a);
            assertArrayEquals(new float[] {11, 22, 13, 24}, backend.toFloats(a));
            assertTensorError("binary ADD", () -> backend.binary(BinaryOp.ADD, a, b, b),
                    "out has shape [2]", "[2, 2]");
        }
    }

    @Test
    void comparisonsAndMinMaxTreatNaNAsIeeeSays() {
        float[] a = {Float.NaN, 1f, 2f, Float.NaN};
        float[] b = {1f, Float.NaN, 2f, Float.NaN};
        try (DeviceArray x = floats(backend, a, 4); DeviceArray y = floats(backend, b, 4);
                DeviceArray out = zeros(backend, 4)) {
            backend.binary(BinaryOp.EQUAL, x, y, out);
            assertArrayEquals(new float[] {0, 0, 1, 0}, backend.toFloats(out));
            backend.binary(BinaryOp.GREATER, x, y, out);
            assertArrayEquals(new float[] {0, 0, 0, 0}, backend.toFloats(out));
            backend.binary(BinaryOp.MAX, x, y, out);
            assertArrayEquals(new float[] {Float.NaN, Float.NaN, 2, Float.NaN},
                    backend.toFloats(out));
        }
    }

    @Test
    void binaryNamesBothShapesWhenTheyDoNotBroadcast() {
        try (DeviceArray a = zeros(backend, 2, 3); DeviceArray b = zeros(backend, 4);
                DeviceArray out = zeros(backend, 2, 3)) {
            assertTensorError("binary MUL", () -> backend.binary(BinaryOp.MUL, a, b, out),
                    "[2, 3]", "[4]", "do not broadcast");
        }
        try (DeviceArray a = zeros(backend, 2, 3);
                DeviceArray ints = backend.allocate(DType.I32, Shape.of(2, 3))) {
            assertTensorError("binary ADD", () -> backend.binary(BinaryOp.ADD, a, ints, a),
                    "b [2, 3] has dtype I32, expected F32");
        }
    }

    @Test
    void scalarClampAndFill() {
        float[] x = random(3, 172, 5.0);
        try (DeviceArray in = floats(backend, x, 172); DeviceArray out = zeros(backend, 172)) {
            backend.scalar(BinaryOp.POW, in, 2f, out);
            double[] pow = new double[172];
            double[] clamp = new double[172];
            for (int i = 0; i < 172; i++) {
                pow[i] = Math.pow(x[i], 2);
                clamp[i] = Math.min(Math.max(x[i], -1), 2);
            }
            assertClose(pow, backend.toFloats(out), 1e-6, 0, "pow");
            backend.clamp(in, -1f, 2f, in);
            assertClose(clamp, backend.toFloats(in), 0, 0, "clamp in place");
            assertTensorError("clamp", () -> backend.clamp(in, 2f, 1f, out), "[2.0, 1.0]");
            backend.fill(out, 0.5f);
            assertArrayEquals(new float[] {0.5f, 0.5f}, java.util.Arrays.copyOf(
                    backend.toFloats(out), 2));
        }
        try (DeviceArray ints = backend.allocate(DType.I32, Shape.of(3));
                DeviceArray bytes = backend.allocate(DType.U8, Shape.of(3))) {
            backend.fill(ints, -2.7f);
            assertArrayEquals(new int[] {-2, -2, -2}, backend.toInts(ints));
            assertTensorError("fill", () -> backend.fill(bytes, 1f), "U8", "F32, I32");
        }
    }

    private void checkBinary(BinaryOp op, Shape sa, Shape sb) {
        Shape so = Shape.broadcast("test", sa, sb);
        float[] a = random(sa.size(), (int) sa.size(), 3.0);
        float[] b = random(sb.size() + 7, (int) sb.size(), 3.0);
        if (op == BinaryOp.POW) {
            for (int i = 0; i < a.length; i++) {
                a[i] = Math.abs(a[i]);
            }
        }
        double[] expected = new double[(int) so.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = reference(op).applyAsDouble(a[index(i, so, sa)], b[index(i, so, sb)]);
        }
        try (DeviceArray x = backend.fromFloats(a, sa); DeviceArray y = backend.fromFloats(b, sb);
                DeviceArray out = backend.allocate(DType.F32, so)) {
            backend.binary(op, x, y, out);
            assertClose(expected, backend.toFloats(out), 1e-6, 1e-7, op + " " + sa + " " + sb);
        }
    }

    /** Maps a row-major output index to the broadcast operand's index. */
    private static int index(int outIndex, Shape out, Shape operand) {
        int index = 0;
        int stride = 1;
        int rest = outIndex;
        for (int axis = out.rank() - 1; axis >= 0; axis--) {
            int coordinate = (int) (rest % out.dim(axis));
            rest /= (int) out.dim(axis);
            int opAxis = axis - (out.rank() - operand.rank());
            if (opAxis >= 0) {
                int d = (int) operand.dim(opAxis);
                index += (d == 1 ? 0 : coordinate) * stride;
                stride *= d;
            }
        }
        return index;
    }

    private float[] run(UnaryOp op, float[] x) {
        try (DeviceArray in = floats(backend, x, x.length);
                DeviceArray out = zeros(backend, x.length)) {
            backend.unary(op, in, out);
            return backend.toFloats(out);
        }
    }

    private static DoubleUnaryOperator reference(UnaryOp op) {
        return switch (op) {
            case NEG -> x -> -x;
            case ABS -> Math::abs;
            case EXP -> Math::exp;
            case LOG -> Math::log;
            case SQRT -> Math::sqrt;
            case RSQRT -> x -> 1 / Math.sqrt(x);
            case SQUARE -> x -> x * x;
            case RECIPROCAL -> x -> 1 / x;
            case SIGMOID -> x -> 1 / (1 + Math.exp(-x));
            case TANH -> Math::tanh;
            case RELU -> x -> Math.max(x, 0);
            case SILU -> x -> x / (1 + Math.exp(-x));
            case GELU -> x -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI)
                    * (x + 0.044715 * x * x * x)));
            case SIGN -> Math::signum;
            case ROUND -> Math::rint;
            case FLOOR -> Math::floor;
        };
    }

    private static DoubleBinaryOperator reference(BinaryOp op) {
        return switch (op) {
            case ADD -> Double::sum;
            case SUB -> (a, b) -> a - b;
            case MUL -> (a, b) -> a * b;
            case DIV -> (a, b) -> a / b;
            case MAX -> Math::max;
            case MIN -> Math::min;
            case POW -> Math::pow;
            case GREATER -> (a, b) -> a > b ? 1 : 0;
            case LESS -> (a, b) -> a < b ? 1 : 0;
            case EQUAL -> (a, b) -> a == b ? 1 : 0;
        };
    }
}
