package dev.presso.plugins.tensorcuda.internal.kernels;

import java.util.Arrays;

/**
 * Nested loops over an output in row-major order, each operand walking its own element strides
 * (0 where it is broadcast). Dimensions of size 1 are dropped and neighbours that every operand
 * walks contiguously are merged, so most launches need one or two dimensions. Kernels take at
 * most {@link #KERNEL_DIMS} dimensions; deeper loops are launched once per position of their
 * leading dimensions, with the operands' element offsets for that position.
 *
 * @param dims loop sizes, outermost first, at least one
 * @param strides per operand, its element stride along each loop
 */
record StridedLoops(long[] dims, long[][] strides) {
    /** The number of loop dimensions the strided kernels accept. */
    static final int KERNEL_DIMS = 6;

    /** One launch's worth of loops. */
    @FunctionalInterface
    interface Launch {
        /**
         * Launches over {@link #KERNEL_DIMS} loops.
         *
         * @param offsets each operand's element offset for this launch
         * @param dims the loop sizes, padded at the front with 1
         * @param strides per operand, its strides, padded at the front with 0
         * @param count the number of output elements of this launch
         */
        void run(long[] offsets, long[] dims, long[][] strides, long count);
    }

    /** Merges loops; {@code strides[o][i]} is operand o's element stride along {@code dims[i]}. */
    static StridedLoops merge(long[] dims, long[][] strides) {
        int operands = strides.length;
        long[] mergedDims = new long[dims.length + 1];
        long[][] mergedStrides = new long[operands][dims.length + 1];
        int m = 0;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 1) {
                continue;
            }
            boolean contiguous = m > 0;
            for (int o = 0; contiguous && o < operands; o++) {
                contiguous = mergedStrides[o][m - 1] == strides[o][i] * dims[i];
            }
            if (contiguous) {
                mergedDims[m - 1] *= dims[i];
                for (int o = 0; o < operands; o++) {
                    mergedStrides[o][m - 1] = strides[o][i];
                }
            } else {
                mergedDims[m] = dims[i];
                for (int o = 0; o < operands; o++) {
                    mergedStrides[o][m] = strides[o][i];
                }
                m++;
            }
        }
        if (m == 0) {
            mergedDims[0] = 1;
            m = 1;
        }
        long[][] kept = new long[operands][];
        for (int o = 0; o < operands; o++) {
            kept[o] = Arrays.copyOf(mergedStrides[o], m);
        }
        return new StridedLoops(Arrays.copyOf(mergedDims, m), kept);
    }

    /** Returns the row-major element strides of a contiguous array of these dimensions. */
    static long[] contiguous(long[] dims) {
        long[] strides = new long[dims.length];
        long stride = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= dims[i];
        }
        return strides;
    }

    /** Calls {@code launch} once per position of the loops beyond {@link #KERNEL_DIMS}. */
    void forEachLaunch(Launch launch) {
        int operands = strides.length;
        int leading = Math.max(0, dims.length - KERNEL_DIMS);
        long[] innerDims = new long[KERNEL_DIMS];
        long[][] innerStrides = new long[operands][KERNEL_DIMS];
        Arrays.fill(innerDims, 1);
        int pad = KERNEL_DIMS - (dims.length - leading);
        long count = 1;
        for (int i = leading; i < dims.length; i++) {
            innerDims[pad + i - leading] = dims[i];
            count *= dims[i];
            for (int o = 0; o < operands; o++) {
                innerStrides[o][pad + i - leading] = strides[o][i];
            }
        }
        long positions = 1;
        for (int i = 0; i < leading; i++) {
            positions *= dims[i];
        }
        for (long position = 0; position < positions; position++) {
            long[] offsets = new long[operands];
            long rest = position;
            for (int i = leading - 1; i >= 0; i--) {
                long coordinate = rest % dims[i];
                rest /= dims[i];
                for (int o = 0; o < operands; o++) {
                    offsets[o] += coordinate * strides[o][i];
                }
            }
            launch.run(offsets, innerDims, innerStrides, count);
        }
    }
}
