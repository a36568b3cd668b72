package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.UnaryOp;
import java.util.List;

/**
 * Elementwise operations: unary functions, binary functions with broadcasting, scalar operands and
 * clamping. Gradient formulas live in {@link UnaryGradients} and {@link BinaryGradients}.
 */
final class Elementwise {
    private Elementwise() {}

    static HostTensor unary(HostTensor x, UnaryOp op) {
        String name = "map(" + op + ")";
        Checks.requireF32(name, x);
        TensorBackend backend = x.factory.backend();
        HostTensor y = x.factory.compute(DType.F32, x.shape(), out -> backend.unary(op, x.array(), out));
        UnaryGradients.record(name, op, x, y);
        return y;
    }

    static HostTensor binary(HostTensor a, BinaryOp op, HostTensor b) {
        String name = "zip(" + op + ")";
        Checks.requireF32(name, a, b);
        Shape shape = Shape.broadcast(name, a.shape(), b.shape());
        TensorBackend backend = a.factory.backend();
        HostTensor y = a.factory.compute(DType.F32, shape,
                out -> backend.binary(op, a.array(), b.array(), out));
        BinaryGradients.record(name, op, a, b, y);
        return y;
    }

    static HostTensor scalar(HostTensor x, BinaryOp op, float s) {
        String name = "zip(" + op + ", scalar)";
        Checks.requireF32(name, x);
        TensorBackend backend = x.factory.backend();
        HostTensor y = x.factory.compute(DType.F32, x.shape(), out -> backend.scalar(op, x.array(), s, out));
        BinaryGradients.recordScalar(name, op, x, s, y);
        return y;
    }

    /** Clamps into {@code [low, high]}; the gradient passes where the input is inside, bounds included. */
    static HostTensor clamp(HostTensor x, float low, float high) {
        Checks.requireF32("clamp", x);
        if (!(low <= high)) {
            throw new TensorException("clamp", "expected low <= high, got [" + low + ", " + high + "]");
        }
        TensorBackend backend = x.factory.backend();
        HostTensor y = x.factory.compute(DType.F32, x.shape(), out -> backend.clamp(x.array(), low, high, out));
        Autograd.record("clamp", y, List.of(x), List.of(x), (node, g) -> {
            Tensor input = node.saved(0);
            Tensor outside = input.zip(BinaryOp.LESS, low).add(input.zip(BinaryOp.GREATER, high));
            return new Tensor[] {g.sub(g.mul(outside))};
        });
        return y;
    }
}
