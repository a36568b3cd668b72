package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Shape and layout changes and their gradients: reshape (a view; gradient reshaped back),
 * permute (inverse permutation; a view when only axes of size 1 move), slice (written into zeros)
 * and concat (sliced apart).
 */
final class Layout {
    private Layout() {}

    /** Reshapes as a view; one dimension may be -1 and is then inferred. */
    static HostTensor reshape(HostTensor x, long... dims) {
        x.checkOpen("reshape");
        Shape from = x.shape();
        Shape to = inferShape(from, dims);
        HostTensor y = x.view(to, true);
        Autograd.record("reshape", y, List.of(x), List.of(),
                (node, g) -> new Tensor[] {g.reshape(from.toArray())});
        return y;
    }

    private static Shape inferShape(Shape from, long[] dims) {
        long known = 1;
        int inferred = -1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1 && inferred < 0) {
                inferred = i;
            } else if (dims[i] < 0) {
                throw new TensorException("reshape", "invalid dimensions " + Arrays.toString(dims)
                        + "; expected sizes >= 0 and at most one -1");
            } else {
                known *= dims[i];
            }
        }
        long[] resolved = dims.clone();
        if (inferred >= 0) {
            resolved[inferred] = known == 0 ? 0 : from.size() / known;
        }
        Shape to = Shape.of(resolved);
        if (to.size() != from.size()) {
            throw new TensorException("reshape", "cannot reshape " + from + " (" + from.size() + " elements) to "
                    + Arrays.toString(dims) + "; expected the same number of elements");
        }
        return to;
    }

    static HostTensor permute(HostTensor x, int... axes) {
        x.checkOpen("permute");
        Shape shape = x.shape();
        int[] inverse = inversePermutation(shape, axes);
        long[] dims = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            dims[i] = shape.dim(axes[i]);
        }
        TensorBackend backend = x.factory.backend();
        int[] order = axes.clone();
        HostTensor y = keepsElementOrder(shape, axes) ? x.view(Shape.of(dims), true)
                : x.factory.compute(x.dtype(), Shape.of(dims), out -> backend.permute(x.array(), order, out));
        Autograd.record("permute", y, List.of(x), List.of(),
                (node, g) -> new Tensor[] {g.permute(inverse)});
        return y;
    }

    /**
     * Returns whether a permutation only moves axes of size 1 past the others, so that the elements
     * keep their row-major order and the result can be a view.
     */
    private static boolean keepsElementOrder(Shape shape, int[] axes) {
        int previous = -1;
        for (int axis : axes) {
            if (shape.dim(axis) != 1) {
                if (axis < previous) {
                    return false;
                }
                previous = axis;
            }
        }
        return true;
    }

    private static int[] inversePermutation(Shape shape, int[] axes) {
        int[] inverse = new int[shape.rank()];
        Arrays.fill(inverse, -1);
        boolean valid = axes.length == shape.rank();
        for (int i = 0; valid && i < axes.length; i++) {
            valid = axes[i] >= 0 && axes[i] < axes.length && inverse[axes[i]] < 0;
            if (valid) {
                inverse[axes[i]] = i;
            }
        }
        if (!valid) {
            throw new TensorException("permute", "axes " + Arrays.toString(axes) + " are not a permutation of 0.."
                    + (shape.rank() - 1) + " for shape " + shape);
        }
        return inverse;
    }

    static HostTensor slice(HostTensor x, int axis, long start, long end) {
        x.checkOpen("slice");
        Shape shape = x.shape();
        int a = Checks.axis("slice", shape, axis);
        if (start < 0 || start > end || end > shape.dim(a)) {
            throw new TensorException("slice", "range [" + start + ", " + end + ") is invalid for axis " + axis
                    + " of shape " + shape + "; expected 0 <= start <= end <= " + shape.dim(a));
        }
        TensorBackend backend = x.factory.backend();
        HostTensor y = x.factory.compute(x.dtype(), shape.with(a, end - start),
                out -> backend.copySlice(x.array(), out, a, start, 0, end - start));
        Autograd.record("slice", y, List.of(x), List.of(), (node, g) -> new Tensor[] {
            g.factory.compute(DType.F32, shape, out -> backend.copySlice(g.array(), out, a, 0, start, end - start))});
        return y;
    }

    static HostTensor concat(HostTensors factory, int axis, List<HostTensor> parts) {
        if (parts.isEmpty()) {
            throw new TensorException("concat", "expected at least one tensor");
        }
        HostTensor first = parts.getFirst();
        int a = Checks.axis("concat", first.shape(), axis);
        long total = 0;
        for (HostTensor part : parts) {
            boolean compatible = part.dtype() == first.dtype() && part.shape().rank() == first.shape().rank()
                    && part.shape().with(a, 1).equals(first.shape().with(a, 1));
            if (!compatible) {
                throw new TensorException("concat", "cannot concatenate " + first.describe() + " and "
                        + part.describe() + " along axis " + axis
                        + "; expected one dtype and equal sizes except along that axis");
            }
            total += part.shape().dim(a);
        }
        TensorBackend backend = factory.backend();
        HostTensor y = factory.compute(first.dtype(), first.shape().with(a, total), out -> {
            long offset = 0;
            for (HostTensor part : parts) {
                backend.copySlice(part.array(), out, a, 0, offset, part.shape().dim(a));
                offset += part.shape().dim(a);
            }
        });
        long[] lengths = parts.stream().mapToLong(p -> p.shape().dim(a)).toArray();
        Autograd.record("concat", y, parts, List.of(), (node, g) -> {
            @Nullable Tensor[] grads = new Tensor[lengths.length];
            long offset = 0;
            for (int i = 0; i < lengths.length; i++) {
                grads[i] = node.needs(i) ? g.slice(a, offset, offset + lengths[i]) : null;
                offset += lengths[i];
            }
            return grads;
        });
        return y;
    }
}
