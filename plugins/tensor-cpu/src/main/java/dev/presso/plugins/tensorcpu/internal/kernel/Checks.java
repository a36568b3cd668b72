package dev.presso.plugins.tensorcpu.internal.kernel;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcpu.internal.storage.CpuArray;
import java.util.Arrays;

/** Argument checks whose messages name the op, what was received and what was expected. */
public final class Checks {
    private Checks() {}

    /** Requires {@code array} to have one of the {@code allowed} dtypes. */
    public static void requireDType(String op, String role, CpuArray array, DType... allowed) {
        for (DType dtype : allowed) {
            if (array.dtype() == dtype) {
                return;
            }
        }
        String expected = allowed.length == 1 ? allowed[0].toString()
                : "one of " + Arrays.toString(allowed);
        throw new TensorException(op, role + " " + array.shape() + " has dtype " + array.dtype()
                + ", expected " + expected);
    }

    /** Requires two arrays to have the same dtype. */
    public static void requireSameDType(String op, String role, CpuArray array, String otherRole,
            CpuArray other) {
        if (array.dtype() != other.dtype()) {
            throw new TensorException(op, role + " has dtype " + array.dtype() + " but "
                    + otherRole + " has " + other.dtype() + "; expected the same dtype");
        }
    }

    /** Requires {@code array} to have exactly {@code expected}, explaining where it comes from. */
    public static void requireShape(String op, String role, CpuArray array, Shape expected,
            String reason) {
        if (!array.shape().equals(expected)) {
            throw new TensorException(op, role + " has shape " + array.shape() + ", expected "
                    + expected + " (" + reason + ")");
        }
    }

    /** Requires {@code array} to have the same shape as {@code other}. */
    public static void requireSameShape(String op, String role, CpuArray array, String otherRole,
            CpuArray other) {
        requireShape(op, role, array, other.shape(), "the shape of " + otherRole);
    }

    /** Requires {@code array} to have at least {@code rank} dimensions. */
    public static void requireMinRank(String op, String role, CpuArray array, int rank) {
        if (array.shape().rank() < rank) {
            throw new TensorException(op, role + " has shape " + array.shape() + " of rank "
                    + array.shape().rank() + ", expected rank " + rank + " or more");
        }
    }

    /** Requires {@code array} to have exactly {@code rank} dimensions. */
    public static void requireRank(String op, String role, CpuArray array, int rank) {
        if (array.shape().rank() != rank) {
            throw new TensorException(op, role + " has shape " + array.shape() + " of rank "
                    + array.shape().rank() + ", expected rank " + rank);
        }
    }

    /** Requires {@code out} to share no storage with any input. */
    public static void requireNoAlias(String op, CpuArray out, CpuArray... inputs) {
        for (CpuArray input : inputs) {
            if (out.sharesStorage(input)) {
                throw new TensorException(op, "output " + out.shape() + " shares storage with "
                        + "input " + input.shape() + "; this kernel needs an output that aliases "
                        + "no input");
            }
        }
    }

    /**
     * Requires an elementwise output to alias an input only when it is that very input's
     * storage at the same size, so element {@code i} is read before it is written.
     */
    public static void requireExactAlias(String op, CpuArray out, CpuArray... inputs) {
        for (CpuArray input : inputs) {
            if (out.sharesStorage(input) && input.size() != out.size()) {
                throw new TensorException(op, "out " + out.shape() + " shares storage with the "
                        + "broadcast input " + input.shape() + "; out may alias an input only "
                        + "of its own shape");
            }
        }
    }

    /** Converts a dimension to an int, which every array dimension fits. */
    public static int dim(CpuArray array, int axis) {
        return (int) array.shape().dim(axis);
    }
}
