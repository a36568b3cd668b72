package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;

/** Argument checks whose failures name the operation, what was received and what was expected. */
final class Checks {
    private Checks() {}

    /** Requires every tensor to be {@link DType#F32}. */
    static void requireF32(String op, HostTensor... tensors) {
        for (HostTensor tensor : tensors) {
            tensor.checkOpen(op);
            if (tensor.dtype() != DType.F32) {
                throw new TensorException(op, "expected F32 operands, got " + tensor.describe()
                        + "; cast(DType.F32) first");
            }
        }
    }

    /** Requires a tensor to have a given dtype, naming its role. */
    static void requireDType(String op, String role, HostTensor tensor, DType expected) {
        tensor.checkOpen(op);
        if (tensor.dtype() != expected) {
            throw new TensorException(op, "expected " + role + " of dtype " + expected + ", got "
                    + tensor.describe());
        }
    }

    /** Requires a tensor to have a given rank, naming its role. */
    static void requireRank(String op, String role, HostTensor tensor, int rank) {
        if (tensor.shape().rank() != rank) {
            throw new TensorException(op, "expected " + role + " of rank " + rank + ", got "
                    + tensor.describe());
        }
    }

    /** Normalizes an axis that may count from the end. */
    static int axis(String op, Shape shape, int axis) {
        int normalized = axis < 0 ? axis + shape.rank() : axis;
        if (normalized < 0 || normalized >= shape.rank()) {
            throw new TensorException(op, "axis " + axis + " is out of range for shape " + shape
                    + "; expected an axis in [" + -shape.rank() + ", " + shape.rank() + ")");
        }
        return normalized;
    }

    /** Requires a condition, failing with the given explanation. */
    static void require(boolean condition, String op, String message) {
        if (!condition) {
            throw new TensorException(op, message);
        }
    }
}
