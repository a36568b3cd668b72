package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;

/**
 * NumPy broadcasting: the shape of a broadcast result, and the two directions gradients need,
 * summing a gradient back over broadcast axes and expanding a reduced gradient.
 */
final class Broadcasting {
    private Broadcasting() {}

    private static long dimFromEnd(Shape shape, int fromEnd) {
        int axis = shape.rank() - fromEnd;
        return axis < 0 ? 1 : shape.dim(axis);
    }

    /**
     * Sums a gradient over the axes along which an operand of shape {@code target} was broadcast.
     *
     * @return {@code gradient} itself when the shapes match, else a new tensor of shape
     *     {@code target} owned by the current scope
     */
    static HostTensor sumTo(HostTensor gradient, Shape target) {
        Shape shape = gradient.shape();
        if (shape.equals(target)) {
            return gradient;
        }
        if (!Shape.broadcast("sumTo", shape, target).equals(shape)) {
            throw new TensorException("sumTo", "cannot reduce a gradient of shape " + shape
                    + " to " + target + "; expected a shape that broadcasts to it");
        }
        long[] keep = new long[shape.rank()];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = dimFromEnd(target, keep.length - i);
        }
        Shape keepShape = Shape.of(keep);
        TensorBackend backend = gradient.factory.backend();
        HostTensor reduced = keepShape.equals(shape)
                ? gradient
                : gradient.factory.compute(DType.F32, keepShape,
                        out -> backend.reduce(ReduceOp.SUM, gradient.array(), out));
        if (keepShape.equals(target)) {
            return reduced;
        }
        HostTensor view = reduced.view(target, true);
        if (reduced != gradient) {
            reduced.close();
        }
        return view;
    }

    /** Broadcasts a tensor to a larger shape, as a new tensor owned by the current scope. */
    static HostTensor expand(HostTensor x, Shape target) {
        TensorBackend backend = x.factory.backend();
        return x.factory.compute(DType.F32, target,
                out -> backend.binary(BinaryOp.ADD, out, x.array(), out));
    }
}
