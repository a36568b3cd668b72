package dev.presso.plugins.tensorcuda.internal.kernels;

import java.util.Locale;

/**
 * Every kernel entry the Java side launches. The entry name is {@code presso_} followed by the
 * constant's name in lower case, as declared with {@code PRESSO_KERNEL} in {@code src/main/cuda};
 * a test checks that the committed PTX has an {@code .entry} for each.
 */
public enum Kernel {
    /** {@code (float* out, long long n, float value)}. */
    FILL_F32,
    /** {@code (int* out, long long n, int value)}. */
    FILL_I32,
    /** {@code (const float* x, float* out, long long n, int op)}. */
    UNARY_F32,
    /** {@code (const float* x, float* out, long long n, int op, float s)}. */
    SCALAR_F32,
    /** {@code (const float* x, float* out, long long n, float low, float high)}. */
    CLAMP_F32,
    /** {@code (a, b, out, long long n, int op, 6 dims, 6 strides of a, 6 strides of b)}. */
    BINARY_F32,
    /** {@code (const void* x, int from, void* out, int to, long long n)}. */
    CAST,
    /** {@code (x, out, long long rows, long long length, int op, long long divisor)}. */
    REDUCE_ROWS_F32_F32,
    /** As {@link #REDUCE_ROWS_F32_F32}, writing double partial results. */
    REDUCE_ROWS_F32_F64,
    /** As {@link #REDUCE_ROWS_F32_F32}, on double partial results. */
    REDUCE_ROWS_F64_F64,
    /** As {@link #REDUCE_ROWS_F32_F32}, from double partial results to the float output. */
    REDUCE_ROWS_F64_F32,
    /** {@code (x, out, long long outer, long long length, long long inner, int op, long long divisor)}. */
    REDUCE_COLUMNS_F32_F32,
    /** As {@link #REDUCE_COLUMNS_F32_F32}, writing double partial results. */
    REDUCE_COLUMNS_F32_F64,
    /** As {@link #REDUCE_COLUMNS_F32_F32}, on double partial results. */
    REDUCE_COLUMNS_F64_F64,
    /** As {@link #REDUCE_COLUMNS_F32_F32}, from double partial results to the float output. */
    REDUCE_COLUMNS_F64_F32,
    /** {@code (const float* x, int* out, long long rows, long long n)}. */
    ARGMAX_F32,
    /** {@code (const float* x, float* out, long long rows, long long n, int logarithm)}. */
    SOFTMAX_F32,
    /** {@code (x, weight, out, long long rows, long long d, float eps)}. */
    RMS_NORM_F32,
    /** {@code (x, cos, sin, out, long long vectors, long long heads, long long positions, long long half, float direction)}. */
    ROPE_F32,
    /** {@code (x, out, long long blocks, int block, float scale)}, dynamic shared memory of one block. */
    FWHT_SHARED_F32,
    /** {@code (float* v, long long n, long long h)}: one butterfly stage. */
    FWHT_STAGE_F32,
    /** {@code (const int* indices, long long n, int rows, int* firstBad)}. */
    INDEX_CHECK,
    /** {@code (table, indices, out, long long count, long long d)}. */
    GATHER_F32,
    /** {@code (source, indices, out, long long count, long long d)}. */
    SCATTER_ADD_F32,
    /** {@code (theta, long long buckets, out, long long n, long long seed)}. */
    HASH_GATHER_F32,
    /** {@code (long long n, long long seed, long long buckets, int* counts)}. */
    HASH_COUNT,
    /** {@code (const int* counts, int* offsets, long long m)}, one block. */
    EXCLUSIVE_SCAN_I32,
    /** {@code (long long n, long long seed, long long buckets, int* cursor, int* order)}. */
    HASH_PLACE,
    /** {@code (source, long long seed, const int* offsets, int* order, out, long long buckets)}. */
    HASH_ACCUMULATE_F32,
    /** {@code (x, values, indices, long long rows, long long n, int k)}: one thread per row. */
    TOP_K_F32,
    /** {@code (x, values, indices, long long rows, long long n, int k)}: one block per row. */
    TOP_K_ROUNDS_F32,
    /** {@code (x, scales, zeros, codes, long long rows, long long cols, long long groups, int bits)}. */
    QUANTIZE_F32,
    /** {@code (codes, scales, zeros, out, long long rows, long long cols, long long groups, int bits)}. */
    DEQUANTIZE_F32,
    /** {@code (src, dst, long long n)} on bytes. */
    COPY_B1,
    /** {@code (src, dst, long long n)} on 2-byte elements. */
    COPY_B2,
    /** {@code (src, dst, long long n)} on 4-byte elements. */
    COPY_B4,
    /** {@code (src, dst, long long n, 6 dims, 6 source strides)} on bytes. */
    PERMUTE_B1,
    /** As {@link #PERMUTE_B1} on 2-byte elements. */
    PERMUTE_B2,
    /** As {@link #PERMUTE_B1} on 4-byte elements. */
    PERMUTE_B4,
    /** {@code (src, dst, long long outer, long long run, source stride and start, target stride and start)}. */
    COPY_SLICE_B1,
    /** As {@link #COPY_SLICE_B1} on 2-byte elements. */
    COPY_SLICE_B2,
    /** As {@link #COPY_SLICE_B1} on 4-byte elements. */
    COPY_SLICE_B4;

    private final String entry = "presso_" + name().toLowerCase(Locale.ROOT);

    /**
     * Returns the {@code extern "C" __global__} entry name.
     *
     * @return for example {@code "presso_fill_f32"}
     */
    public String entry() {
        return entry;
    }

    /**
     * Returns the copy, permute or slice kernel for elements of a given size.
     *
     * @param copy {@link #COPY_B4}, {@link #PERMUTE_B4} or {@link #COPY_SLICE_B4}
     * @param bytes 1, 2 or 4
     * @return the variant for that element size
     */
    static Kernel forElementBytes(Kernel copy, int bytes) {
        return switch (copy) {
            case COPY_B4 -> bytes == 4 ? COPY_B4 : bytes == 2 ? COPY_B2 : COPY_B1;
            case PERMUTE_B4 -> bytes == 4 ? PERMUTE_B4 : bytes == 2 ? PERMUTE_B2 : PERMUTE_B1;
            case COPY_SLICE_B4 -> bytes == 4 ? COPY_SLICE_B4 : bytes == 2 ? COPY_SLICE_B2
                    : COPY_SLICE_B1;
            default -> throw new IllegalArgumentException("no element-size variants of " + copy);
        };
    }
}
