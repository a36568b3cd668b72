package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.UnaryOp;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Derivatives of the binary functions. Gradients of broadcast operands are summed back over the
 * broadcast axes. For {@link BinaryOp#MAX} and {@link BinaryOp#MIN} a tie splits the gradient
 * evenly between both operands; for {@link BinaryOp#POW} the exponent's gradient is 0 where the
 * base is not positive. Comparisons are not differentiable and record nothing.
 */
final class BinaryGradients {
    private BinaryGradients() {}

    static boolean isDifferentiable(BinaryOp op) {
        return switch (op) {
            case GREATER, LESS, EQUAL -> false;
            default -> true;
        };
    }

    static void record(String name, BinaryOp op, HostTensor a, HostTensor b, HostTensor y) {
        if (!isDifferentiable(op)) {
            return;
        }
        List<HostTensor> saved = switch (op) {
            case ADD, SUB -> List.of();
            case DIV -> List.of(b, y);
            case POW -> List.of(a, b, y);
            default -> List.of(a, b);
        };
        Shape shapeA = a.shape();
        Shape shapeB = b.shape();
        Autograd.record(name, y, List.of(a, b), saved, (node, g) -> {
            @Nullable Tensor[] grads = gradients(op, node, g);
            return new Tensor[] {reduced(grads[0], shapeA), reduced(grads[1], shapeB)};
        });
    }

    private static @Nullable Tensor reduced(@Nullable Tensor gradient, Shape shape) {
        return gradient == null ? null : Broadcasting.sumTo((HostTensor) gradient, shape);
    }

    /** Returns the unreduced gradients of both operands, null where not needed. */
    private static @Nullable Tensor[] gradients(BinaryOp op, Node node, HostTensor g) {
        boolean needA = node.needs(0);
        boolean needB = node.needs(1);
        return switch (op) {
            case ADD -> new Tensor[] {g, g};
            case SUB -> new Tensor[] {g, needB ? g.mul(-1f) : null};
            case MUL -> new Tensor[] {
                needA ? g.mul(node.saved(1)) : null,
                needB ? g.mul(node.saved(0)) : null};
            case DIV -> new Tensor[] {
                needA ? g.div(node.saved(0)) : null,
                needB ? g.mul(node.saved(1)).div(node.saved(0)).mul(-1f) : null};
            case MAX, MIN -> {
                Tensor shareA = tieSplitMask(op, node.saved(0), node.saved(1));
                yield new Tensor[] {needA ? g.mul(shareA) : null, needB ? g.sub(g.mul(shareA)) : null};
            }
            case POW -> new Tensor[] {
                needA ? powBaseGradient(g, node.saved(0), node.saved(1)) : null,
                needB ? powExponentGradient(g, node.saved(0), node.saved(2)) : null};
            case GREATER, LESS, EQUAL -> throw new IllegalStateException(op + " is not differentiable");
        };
    }

    /** 1 where {@code a} wins, 0.5 on ties, 0 where {@code b} wins. */
    private static Tensor tieSplitMask(BinaryOp op, Tensor a, Tensor b) {
        BinaryOp wins = op == BinaryOp.MAX ? BinaryOp.GREATER : BinaryOp.LESS;
        return a.zip(wins, b).add(a.zip(BinaryOp.EQUAL, b).mul(0.5f));
    }

    /** {@code g * b * a^(b - 1)}. */
    private static Tensor powBaseGradient(Tensor g, Tensor a, Tensor b) {
        return g.mul(b).mul(a.zip(BinaryOp.POW, b.add(-1f)));
    }

    /** {@code g * y * log(a)} where {@code a > 0}, else 0. */
    private static Tensor powExponentGradient(Tensor g, Tensor a, Tensor y) {
        Tensor positive = a.zip(BinaryOp.GREATER, 0f);
        Tensor safeBase = a.mul(positive).sub(positive).add(1f); // a where positive, else 1
        return g.mul(y).mul(safeBase.map(UnaryOp.LOG));
    }

    static void recordScalar(String name, BinaryOp op, HostTensor x, float s, HostTensor y) {
        if (!isDifferentiable(op)) {
            return;
        }
        List<HostTensor> saved = switch (op) {
            case MAX, MIN, POW -> List.of(x);
            default -> List.of();
        };
        Autograd.record(name, y, List.of(x), saved, (node, g) -> new Tensor[] {scalarGradient(op, s, node, g)});
    }

    private static Tensor scalarGradient(BinaryOp op, float s, Node node, HostTensor g) {
        return switch (op) {
            case ADD, SUB -> g;
            case MUL -> g.mul(s);
            case DIV -> g.zip(BinaryOp.DIV, s);
            case MAX, MIN -> {
                Tensor x = node.saved(0);
                BinaryOp wins = op == BinaryOp.MAX ? BinaryOp.GREATER : BinaryOp.LESS;
                yield g.mul(x.zip(wins, s).add(x.zip(BinaryOp.EQUAL, s).mul(0.5f)));
            }
            case POW -> g.mul(node.saved(0).zip(BinaryOp.POW, s - 1f)).mul(s);
            case GREATER, LESS, EQUAL -> throw new IllegalStateException(op + " is not differentiable");
        };
    }
}
