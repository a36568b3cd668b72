package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.UnaryOp;
import java.util.List;

/**
 * Transformer kernels along the last axis and their gradients: softmax
 * ({@code y * (g - sum(g * y))}), log-softmax ({@code g - exp(y) * sum(g)}), RMSNorm (input and
 * gain), RoPE (the inverse rotation) and the Walsh–Hadamard transform (itself, as it is symmetric).
 */
final class Neural {
    private Neural() {}

    static HostTensor softmax(HostTensor x, boolean log) {
        String name = log ? "logSoftmax" : "softmax";
        Checks.requireF32(name, x);
        Checks.require(x.shape().rank() >= 1, name, "expected rank >= 1, got " + x.describe());
        TensorBackend backend = x.factory.backend();
        HostTensor y = x.factory.compute(DType.F32, x.shape(), out -> {
            if (log) {
                backend.logSoftmax(x.array(), out);
            } else {
                backend.softmax(x.array(), out);
            }
        });
        Autograd.record(name, y, List.of(x), List.of(y), (node, g) -> {
            Tensor out = node.saved(0);
            Tensor gradient = log
                    ? g.sub(out.map(UnaryOp.EXP).mul(g.reduce(ReduceOp.SUM, true, -1)))
                    : out.mul(g.sub(g.mul(out).reduce(ReduceOp.SUM, true, -1)));
            return new Tensor[] {gradient};
        });
        return y;
    }

    static HostTensor rmsNorm(HostTensor x, HostTensor weight, float eps) {
        Checks.requireF32("rmsNorm", x, weight);
        Shape shape = x.shape();
        if (shape.rank() < 1 || weight.shape().rank() != 1 || weight.shape().dim(0) != shape.dim(-1)) {
            throw new TensorException("rmsNorm", "expected x [..., D] and weight [D], got x " + shape
                    + " and weight " + weight.shape());
        }
        TensorBackend backend = x.factory.backend();
        HostTensor y = x.factory.compute(DType.F32, shape,
                out -> backend.rmsNorm(x.array(), weight.array(), eps, out));
        Autograd.record("rmsNorm", y, List.of(x, weight), List.of(x, weight), (node, g) -> {
            Tensor input = node.saved(0);
            Tensor w = node.saved(1);
            Tensor r = input.square().reduce(ReduceOp.MEAN, true, -1).add(eps).map(UnaryOp.RSQRT);
            Tensor gradX = null;
            Tensor gradW = null;
            if (node.needs(0)) {
                // d/dx of x * r * w: r * (g w) - x * r^3 * mean((g w) * x)
                Tensor gw = g.mul(w);
                Tensor projection = gw.mul(input).reduce(ReduceOp.MEAN, true, -1);
                gradX = gw.mul(r).sub(input.mul(r.square().mul(r)).mul(projection));
            }
            if (node.needs(1)) {
                gradW = Broadcasting.sumTo((HostTensor) g.mul(input).mul(r), w.shape());
            }
            return new Tensor[] {gradX, gradW};
        });
        return y;
    }

    static HostTensor rope(HostTensor x, HostTensor cos, HostTensor sin) {
        Checks.requireF32("rope", x, cos, sin);
        Shape shape = x.shape();
        if (shape.rank() < 3 || shape.dim(-1) % 2 != 0) {
            throw new TensorException("rope", "expected x [..., T, H, D] with an even D, got " + shape);
        }
        Shape table = Shape.of(shape.dim(-3), shape.dim(-1) / 2);
        if (!cos.shape().equals(table) || !sin.shape().equals(table)) {
            throw new TensorException("rope", "expected cos and sin of shape [T, D/2] = " + table
                    + " for x " + shape + ", got " + cos.shape() + " and " + sin.shape());
        }
        HostTensor y = rotate(x, cos, sin, false);
        Autograd.record("rope", y, List.of(x), List.of(cos, sin),
                (node, g) -> new Tensor[] {rotate(g, node.saved(0), node.saved(1), true)});
        return y;
    }

    private static HostTensor rotate(HostTensor x, HostTensor cos, HostTensor sin, boolean inverse) {
        TensorBackend backend = x.factory.backend();
        return x.factory.compute(DType.F32, x.shape(),
                out -> backend.rope(x.array(), cos.array(), sin.array(), inverse, out));
    }

    static HostTensor fwht(HostTensor x, int block, float scale) {
        Checks.requireF32("fwht", x);
        Shape shape = x.shape();
        if (shape.rank() < 1 || block < 1 || Integer.bitCount(block) != 1 || shape.dim(-1) % block != 0) {
            throw new TensorException("fwht", "expected a power-of-two block dividing the last dimension, got block "
                    + block + " for shape " + shape);
        }
        HostTensor y = transform(x, block, scale);
        Autograd.record("fwht", y, List.of(x), List.of(),
                (node, g) -> new Tensor[] {transform(g, block, scale)});
        return y;
    }

    private static HostTensor transform(HostTensor x, int block, float scale) {
        TensorBackend backend = x.factory.backend();
        return x.factory.compute(DType.F32, x.shape(), out -> backend.fwht(x.array(), block, scale, out));
    }
}
