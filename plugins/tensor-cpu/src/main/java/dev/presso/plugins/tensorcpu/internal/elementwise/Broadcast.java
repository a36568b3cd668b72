package dev.presso.plugins.tensorcpu.internal.elementwise;

import dev.presso.kernel.tensor.Shape;
import java.util.Arrays;

/**
 * NumPy broadcasting of two operands to an output shape, reduced to the fewest loop dimensions:
 * size-1 output dimensions are dropped and neighbours that both operands walk contiguously (or
 * both repeat) are merged. The innermost stride of each operand is then 0 or 1.
 *
 * @param dims the merged loop dimensions, outermost first, at least one
 * @param aStrides element strides of the left operand per loop dimension (0 = repeated)
 * @param bStrides element strides of the right operand per loop dimension
 */
record Broadcast(int[] dims, int[] aStrides, int[] bStrides) {
    /** Plans the loops that write {@code out} from {@code a} and {@code b}. */
    static Broadcast plan(Shape out, Shape a, Shape b) {
        int rank = out.rank();
        int[] dims = new int[rank + 1];
        int[] as = new int[rank + 1];
        int[] bs = new int[rank + 1];
        int kept = 0;
        for (int i = 0; i < rank; i++) {
            int d = (int) out.dim(i);
            if (d == 1) {
                continue;
            }
            dims[kept] = d;
            as[kept] = stride(a, rank - i, d);
            bs[kept] = stride(b, rank - i, d);
            kept++;
        }
        if (kept == 0) {
            dims[0] = 1;
            kept = 1;
        }
        int merged = 0;
        for (int i = 1; i < kept; i++) {
            boolean contiguous = as[merged] == as[i] * dims[i] && bs[merged] == bs[i] * dims[i];
            if (contiguous) {
                dims[merged] *= dims[i];
                as[merged] = as[i];
                bs[merged] = bs[i];
            } else {
                merged++;
                dims[merged] = dims[i];
                as[merged] = as[i];
                bs[merged] = bs[i];
            }
        }
        int length = merged + 1;
        return new Broadcast(Arrays.copyOf(dims, length), Arrays.copyOf(as, length),
                Arrays.copyOf(bs, length));
    }

    /** Returns the number of elements in the innermost loop. */
    int inner() {
        return dims[dims.length - 1];
    }

    /** Returns the number of innermost runs. */
    int rows() {
        int rows = 1;
        for (int i = 0; i < dims.length - 1; i++) {
            rows *= dims[i];
        }
        return rows;
    }

    /** Returns the left operand's offset at the start of innermost run {@code row}. */
    int aOffset(int row) {
        return offset(row, aStrides);
    }

    /** Returns the right operand's offset at the start of innermost run {@code row}. */
    int bOffset(int row) {
        return offset(row, bStrides);
    }

    private int offset(int row, int[] strides) {
        int offset = 0;
        int rest = row;
        for (int axis = dims.length - 2; axis >= 0; axis--) {
            offset += (rest % dims[axis]) * strides[axis];
            rest /= dims[axis];
        }
        return offset;
    }

    private static long dimFromEnd(Shape shape, int fromEnd) {
        return fromEnd <= shape.rank() ? shape.dim(shape.rank() - fromEnd) : 1;
    }

    /** The operand's stride along the output axis {@code fromEnd} places from the end. */
    private static int stride(Shape operand, int fromEnd, int outDim) {
        if (fromEnd > operand.rank() || operand.dim(operand.rank() - fromEnd) != outDim) {
            return 0;
        }
        return (int) operand.sizeOf(operand.rank() - fromEnd + 1, operand.rank());
    }
}
