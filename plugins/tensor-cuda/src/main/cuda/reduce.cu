// Reductions of a [outer, length, inner] view over its middle axis, accumulated in double, and
// arg-max along the last axis. The Java side reduces any set of axes as a few such passes. op is
// a ReduceOp ordinal (MEAN accumulates as SUM); a divisor >= 0 divides the result (MEAN's element
// count, 0 giving NaN for an empty mean), a negative one leaves it as is.
#include "block.cuh"

/** out[o] = op over x[o, 0..length): one block per row (grid-stride over rows). */
template <typename In, typename Out>
PRESSO_INLINE void reduce_rows(const In* x, Out* out, long long rows, long long length, int op,
        long long divisor) {
    for (long long row = blockIdx.x; row < rows; row += gridDim.x) {
        double acc = reduce_identity<double>(op);
        for (long long j = threadIdx.x; j < length; j += blockDim.x) {
            acc = reduce_combine(op, acc, (double) x[row * length + j]);
        }
        acc = block_reduce(op, acc);
        if (threadIdx.x == 0) out[row] = (Out) (divisor >= 0 ? acc / (double) divisor : acc);
    }
}

/** out[o, i] = op over x[o, 0..length, i]: one thread per output element. */
template <typename In, typename Out>
PRESSO_INLINE void reduce_columns(const In* x, Out* out, long long outer, long long length,
        long long inner, int op, long long divisor) {
    PRESSO_FOR_EACH(k, outer * inner) {
        long long o = k / inner;
        long long i = k % inner;
        double acc = reduce_identity<double>(op);
        const In* column = x + o * length * inner + i;
        for (long long j = 0; j < length; j++) {
            acc = reduce_combine(op, acc, (double) column[j * inner]);
        }
        out[k] = (Out) (divisor >= 0 ? acc / (double) divisor : acc);
    }
}

// One entry per (input, output) precision: f32 -> f32 for a single pass; f32 -> f64,
// f64 -> f64 and f64 -> f32 when several separated axis groups are reduced one after another.
#define PRESSO_REDUCE_ENTRIES(SUFFIX, IN, OUT)                                                     \
    PRESSO_KERNEL(presso_reduce_rows_##SUFFIX, const IN* x, OUT* out, long long rows,              \
            long long length, int op, long long divisor) {                                        \
        reduce_rows(x, out, rows, length, op, divisor);                                           \
    }                                                                                             \
    PRESSO_KERNEL(presso_reduce_columns_##SUFFIX, const IN* x, OUT* out, long long outer,          \
            long long length, long long inner, int op, long long divisor) {                       \
        reduce_columns(x, out, outer, length, inner, op, divisor);                                \
    }

PRESSO_REDUCE_ENTRIES(f32_f32, float, float)
PRESSO_REDUCE_ENTRIES(f32_f64, float, double)
PRESSO_REDUCE_ENTRIES(f64_f64, double, double)
PRESSO_REDUCE_ENTRIES(f64_f32, double, float)

/** Whether element j of a row ranks before element i for arg-max: first NaN, else first max. */
PRESSO_INLINE bool argmax_before(float xj, long long j, float xi, long long i) {
    bool nj = is_nan(xj);
    bool ni = is_nan(xi);
    if (nj != ni) return nj;
    if (nj || xj == xi) return j < i;
    return xj > xi;
}

/** out[row] = index of the largest element of x[row, 0..n); one block per row. */
PRESSO_KERNEL(presso_argmax_f32, const float* x, int* out, long long rows, long long n) {
    __shared__ float values[1024];
    __shared__ long long positions[1024];
    unsigned t = threadIdx.x;
    for (long long row = blockIdx.x; row < rows; row += gridDim.x) {
        const float* v = x + row * n;
        long long best = -1;
        float bestValue = 0.0f;
        for (long long j = t; j < n; j += blockDim.x) {
            if (best < 0 || argmax_before(v[j], j, bestValue, best)) {
                best = j;
                bestValue = v[j];
            }
        }
        values[t] = bestValue;
        positions[t] = best;
        __syncthreads();
        for (unsigned width = blockDim.x / 2; width > 0; width >>= 1) {
            if (t < width) {
                long long other = positions[t + width];
                if (other >= 0 && (positions[t] < 0
                        || argmax_before(values[t + width], other, values[t], positions[t]))) {
                    positions[t] = other;
                    values[t] = values[t + width];
                }
            }
            __syncthreads();
        }
        if (t == 0) out[row] = (int) positions[0];
        __syncthreads();
    }
}
