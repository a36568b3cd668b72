// Deterministic block-wide reductions through shared memory (a fixed tree, so the same inputs
// always combine in the same order). Blocks have a power-of-two size of at most 1024 threads.
#ifndef PRESSO_BLOCK_CUH
#define PRESSO_BLOCK_CUH

#include "numerics.cuh"

/** ReduceOp ordinals of kernel-api. */
enum ReduceCode { R_SUM, R_MEAN, R_MAX, R_MIN };

template <typename T>
PRESSO_INLINE T reduce_identity(int op) {
    return op == R_MAX ? (T) -INFINITY : op == R_MIN ? (T) INFINITY : (T) 0;
}

template <typename T>
PRESSO_INLINE T reduce_combine(int op, T a, T b) {
    return op == R_MAX ? java_max(a, b) : op == R_MIN ? java_min(a, b) : a + b;
}

/** Combines one value per thread; every thread gets the result. */
template <typename T>
PRESSO_INLINE T block_reduce(int op, T value) {
    __shared__ T scratch[1024];
    unsigned t = threadIdx.x;
    scratch[t] = value;
    __syncthreads();
    for (unsigned width = blockDim.x / 2; width > 0; width >>= 1) {
        if (t < width) scratch[t] = reduce_combine(op, scratch[t], scratch[t + width]);
        __syncthreads();
    }
    T result = scratch[0];
    __syncthreads();
    return result;
}

#endif
