package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.UnaryOp;
import java.util.List;

/**
 * Derivatives of the unary functions, as tensor expressions in the input {@code x} or the output
 * {@code y}, whichever the formula needs (only that one is saved). {@link UnaryOp#ROUND},
 * {@link UnaryOp#FLOOR} and {@link UnaryOp#SIGN} have zero gradient.
 */
final class UnaryGradients {
    private static final float GELU_C = (float) Math.sqrt(2 / Math.PI);
    private static final float GELU_K = 0.044715f;

    private UnaryGradients() {}

    static void record(String name, UnaryOp op, HostTensor x, HostTensor y) {
        List<HostTensor> saved = switch (op) {
            case EXP, SQRT, RSQRT, RECIPROCAL, SIGMOID, TANH -> List.of(y);
            case NEG, SIGN, ROUND, FLOOR -> List.of();
            default -> List.of(x);
        };
        Autograd.record(name, y, List.of(x), saved,
                (node, g) -> new Tensor[] {gradient(op, node, g)});
    }

    private static Tensor gradient(UnaryOp op, Node node, HostTensor g) {
        return switch (op) {
            case NEG -> g.map(UnaryOp.NEG);
            case SIGN, ROUND, FLOOR -> g.factory.zeros(DType.F32, g.shape());
            case ABS -> g.mul(node.saved(0).map(UnaryOp.SIGN));
            case LOG -> g.div(node.saved(0));
            case SQUARE -> g.mul(node.saved(0)).mul(2f);
            case RELU -> g.mul(node.saved(0).zip(BinaryOp.GREATER, 0f));
            case SILU -> g.mul(siluDerivative(node.saved(0)));
            case GELU -> g.mul(geluDerivative(node.saved(0)));
            case EXP -> g.mul(node.saved(0));
            case SQRT -> g.div(node.saved(0)).mul(0.5f);
            case RSQRT -> {
                Tensor y = node.saved(0);
                yield g.mul(y.square().mul(y)).mul(-0.5f);
            }
            case RECIPROCAL -> g.mul(node.saved(0).square()).mul(-1f);
            case SIGMOID -> {
                Tensor y = node.saved(0);
                yield g.mul(y.sub(y.square()));
            }
            case TANH -> g.sub(g.mul(node.saved(0).square()));
        };
    }

    /** {@code d/dx x*s(x) = s * (1 + x * (1 - s))} with {@code s = sigmoid(x)}. */
    private static Tensor siluDerivative(Tensor x) {
        Tensor s = x.map(UnaryOp.SIGMOID);
        return s.mul(x.mul(s.mul(-1f).add(1f)).add(1f));
    }

    /**
     * Derivative of {@code 0.5 x (1 + tanh(u))} with {@code u = c (x + k x^3)}:
     * {@code 0.5 (1 + t) + 0.5 x (1 - t^2) c (1 + 3 k x^2)} with {@code t = tanh(u)}.
     */
    private static Tensor geluDerivative(Tensor x) {
        Tensor x2 = x.square();
        Tensor t = x.mul(x2.mul(GELU_K).add(1f)).mul(GELU_C).map(UnaryOp.TANH);
        Tensor outer = t.add(1f).mul(0.5f);
        Tensor inner = x.mul(0.5f * GELU_C).mul(t.square().mul(-1f).add(1f)).mul(x2.mul(3 * GELU_K).add(1f));
        return outer.add(inner);
    }
}
