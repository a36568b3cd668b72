package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import java.util.Arrays;
import java.util.List;

/**
 * Reductions over axes. Gradients: SUM broadcasts the output gradient back, MEAN also divides by
 * the number of reduced elements, and MAX/MIN send it to the elements equal to the result,
 * splitting it evenly among ties.
 */
final class Reductions {
    private Reductions() {}

    static HostTensor reduce(HostTensor x, ReduceOp op, boolean keepDims, int... axes) {
        String name = "reduce(" + op + ")";
        Checks.requireF32(name, x);
        Shape shape = x.shape();
        boolean[] reduced = reducedAxes(name, shape, axes);
        long[] keep = shape.toArray();
        long[] dropped = new long[shape.rank()];
        int droppedRank = 0;
        for (int i = 0; i < keep.length; i++) {
            if (reduced[i]) {
                keep[i] = 1;
            } else {
                dropped[droppedRank++] = keep[i];
            }
        }
        Shape keepShape = Shape.of(keep);
        Shape resultShape = keepDims ? keepShape : Shape.of(Arrays.copyOf(dropped, droppedRank));
        TensorBackend backend = x.factory.backend();
        HostTensor y = x.factory.compute(DType.F32, keepShape, out -> backend.reduce(op, x.array(), out));
        if (!keepShape.equals(resultShape)) {
            HostTensor view = y.view(resultShape, true);
            y.close();
            y = view;
        }
        List<HostTensor> saved = op == ReduceOp.MAX || op == ReduceOp.MIN ? List.of(x, y) : List.of();
        long count = shape.size() / Math.max(1, keepShape.size());
        Autograd.record(name, y, List.of(x), saved,
                (node, g) -> new Tensor[] {gradient(op, node, g, shape, keepShape, count)});
        return y;
    }

    private static boolean[] reducedAxes(String name, Shape shape, int[] axes) {
        boolean[] reduced = new boolean[shape.rank()];
        if (axes.length == 0) {
            Arrays.fill(reduced, true);
        }
        for (int axis : axes) {
            int a = Checks.axis(name, shape, axis);
            if (reduced[a]) {
                throw new TensorException(name, "axis " + axis + " is listed twice for shape " + shape
                        + "; expected distinct axes");
            }
            reduced[a] = true;
        }
        return reduced;
    }

    private static Tensor gradient(ReduceOp op, Node node, HostTensor g, Shape shape, Shape keepShape,
            long count) {
        HostTensor kept = (HostTensor) g.reshape(keepShape.toArray());
        return switch (op) {
            case SUM -> Broadcasting.expand(kept, shape);
            case MEAN -> Broadcasting.expand((HostTensor) kept.mul(1f / count), shape);
            case MAX, MIN -> {
                Tensor x = node.saved(0);
                Tensor y = node.saved(1).reshape(keepShape.toArray());
                Tensor winners = x.zip(BinaryOp.EQUAL, y);
                Tensor ties = sumLike(winners, keepShape);
                yield winners.mul(kept.div(ties));
            }
        };
    }

    /** Sums a tensor down to a keep-dims shape. */
    private static Tensor sumLike(Tensor x, Shape keepShape) {
        return Broadcasting.sumTo((HostTensor) x, keepShape);
    }
}
