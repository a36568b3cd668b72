package dev.presso.plugins.tensorcuda.internal.kernels;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import java.util.Arrays;

/**
 * The argument checks of the kernel contracts, with messages that name the operation, the role
 * of the argument, what it was and what was expected. Aliasing is judged on device address
 * ranges, which is what sharing storage means on a device.
 */
final class ArgumentChecks {
    private final DeviceMemory memory;

    ArgumentChecks(DeviceMemory memory) {
        this.memory = memory;
    }

    /** Requires {@code array} to have one of the {@code allowed} dtypes. */
    static void dtype(String op, String role, DeviceArray array, DType... allowed) {
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
    static void sameDType(String op, String role, DeviceArray array, String otherRole,
            DeviceArray other) {
        if (array.dtype() != other.dtype()) {
            throw new TensorException(op, role + " has dtype " + array.dtype() + " but "
                    + otherRole + " has " + other.dtype() + "; expected the same dtype");
        }
    }

    /** Requires an unpacked dtype (a whole number of bytes per element). */
    static void unpacked(String op, String role, DeviceArray array) {
        if (array.dtype().isPacked()) {
            throw new TensorException(op, role + " has packed dtype " + array.dtype()
                    + "; expected an unpacked dtype");
        }
    }

    /** Requires {@code array} to have exactly the {@code expected} shape. */
    static void shape(String op, String role, DeviceArray array, Shape expected, String reason) {
        if (!array.shape().equals(expected)) {
            throw new TensorException(op, role + " has shape " + array.shape() + ", expected "
                    + expected + " (" + reason + ")");
        }
    }

    /** Requires {@code array} to have {@code other}'s shape. */
    static void sameShape(String op, String role, DeviceArray array, String otherRole,
            DeviceArray other) {
        shape(op, role, array, other.shape(), "the shape of " + otherRole);
    }

    /** Requires at least {@code rank} dimensions. */
    static void minRank(String op, String role, DeviceArray array, int rank) {
        if (array.shape().rank() < rank) {
            throw new TensorException(op, role + " has shape " + array.shape() + " of rank "
                    + array.shape().rank() + ", expected rank " + rank + " or more");
        }
    }

    /** Requires exactly {@code rank} dimensions. */
    static void rank(String op, String role, DeviceArray array, int rank) {
        if (array.shape().rank() != rank) {
            throw new TensorException(op, role + " has shape " + array.shape() + " of rank "
                    + array.shape().rank() + ", expected rank " + rank);
        }
    }

    /** Requires an element count that a kernel's 32-bit positions can number. */
    static int intCount(String op, String role, DeviceArray array) {
        long size = array.shape().size();
        if (size > Integer.MAX_VALUE) {
            throw new TensorException(op, role + " " + array.shape() + " has " + size
                    + " elements; expected at most " + Integer.MAX_VALUE);
        }
        return (int) size;
    }

    /** Requires {@code out} to overlap no input's device memory. */
    void noAlias(String op, DeviceArray out, DeviceArray... inputs) {
        for (DeviceArray input : inputs) {
            if (overlap(out, input)) {
                throw new TensorException(op, "output " + out.shape() + " shares storage with "
                        + "input " + input.shape() + "; this kernel needs an output that aliases "
                        + "no input");
            }
        }
    }

    /**
     * Requires an element-wise output to overlap an input only when it is that input's very
     * memory at the same size, so element {@code i} is read before it is written.
     */
    void exactAlias(String op, DeviceArray out, DeviceArray... inputs) {
        for (DeviceArray input : inputs) {
            boolean same = memory.address(out) == memory.address(input)
                    && out.byteSize() == input.byteSize();
            if (overlap(out, input) && !same) {
                throw new TensorException(op, "out " + out.shape() + " shares storage with the "
                        + "broadcast input " + input.shape() + "; out may alias an input only "
                        + "of its own shape");
            }
        }
    }

    /** Returns whether two arrays' device byte ranges intersect. */
    boolean overlap(DeviceArray a, DeviceArray b) {
        long aBytes = a.byteSize();
        long bBytes = b.byteSize();
        if (aBytes == 0 || bBytes == 0) {
            return false;
        }
        long aStart = memory.address(a);
        long bStart = memory.address(b);
        return aStart < bStart + bBytes && bStart < aStart + aBytes;
    }
}
