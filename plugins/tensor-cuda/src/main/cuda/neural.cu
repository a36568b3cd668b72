// Row kernels of transformer layers along the last axis: softmax, log-softmax, RMSNorm, rotary
// embedding and the Walsh-Hadamard transform.
#include "block.cuh"

/** Softmax (logarithm = 0) or log-softmax (logarithm = 1) of each row of n elements; one block per row. */
PRESSO_KERNEL(presso_softmax_f32, const float* x, float* out, long long rows, long long n, int logarithm) {
    for (long long row = blockIdx.x; row < rows; row += gridDim.x) {
        const float* v = x + row * n;
        float* o = out + row * n;
        float max = -INFINITY;
        for (long long j = threadIdx.x; j < n; j += blockDim.x) max = java_max(max, v[j]);
        max = block_reduce(R_MAX, max);
        double sum = 0.0;
        for (long long j = threadIdx.x; j < n; j += blockDim.x) {
            float e = presso_shifted_exp(v[j] - max);
            if (!logarithm) o[j] = e;
            sum += e;
        }
        sum = block_reduce(R_SUM, sum);
        if (logarithm) {
            float shift = (float) ((double) max + log(sum));
            for (long long j = threadIdx.x; j < n; j += blockDim.x) o[j] = v[j] - shift;
        } else {
            float scale = (float) (1.0 / sum);
            for (long long j = threadIdx.x; j < n; j += blockDim.x) o[j] = o[j] * scale;
        }
    }
}

/** out = x / sqrt(mean(x^2) + eps) * weight per row of d elements; one block per row. */
PRESSO_KERNEL(presso_rms_norm_f32, const float* x, const float* weight, float* out, long long rows,
        long long d, float eps) {
    for (long long row = blockIdx.x; row < rows; row += gridDim.x) {
        const float* v = x + row * d;
        double squares = 0.0;
        for (long long j = threadIdx.x; j < d; j += blockDim.x) squares += (double) (v[j] * v[j]);
        squares = block_reduce(R_SUM, squares);
        float inverse = (float) (1.0 / sqrt(squares / (double) d + (double) eps));
        for (long long j = threadIdx.x; j < d; j += blockDim.x) {
            out[row * d + j] = v[j] * inverse * weight[j];
        }
    }
}

/**
 * Rotate-half rotary embedding of x [..., T, H, D] with tables [T, D/2]; direction -1 rotates
 * backwards. One thread per (head vector, frequency) pair.
 */
PRESSO_KERNEL(presso_rope_f32, const float* x, const float* cosines, const float* sines, float* out,
        long long vectors, long long heads, long long positions, long long half, float direction) {
    PRESSO_FOR_EACH(k, vectors * half) {
        long long row = k / half;
        long long j = k % half;
        long long t = (row / heads) % positions;
        long long at = row * 2 * half + j;
        float x1 = x[at];
        float x2 = x[at + half];
        float c = cosines[t * half + j];
        float s = sines[t * half + j] * direction;
        out[at] = x1 * c - x2 * s;
        out[at + half] = x2 * c + x1 * s;
    }
}

/** One butterfly stage of span h on pair p of a power-of-two block held in v. */
PRESSO_INLINE void butterfly(float* v, long long p, long long h) {
    long long i = (p / h) * 2 * h + p % h;
    float a = v[i];
    float b = v[i + h];
    v[i] = a + b;
    v[i + h] = a - b;
}

/**
 * out = scale * H * x for each consecutive block of `block` elements (at most what dynamic
 * shared memory holds); one CUDA block per transform block, in shared memory.
 */
PRESSO_KERNEL(presso_fwht_shared_f32, const float* x, float* out, long long blocks, int block,
        float scale) {
    PRESSO_DYNAMIC_SHARED(float, v);
    for (long long b = blockIdx.x; b < blocks; b += gridDim.x) {
        const float* in = x + b * block;
        for (int j = threadIdx.x; j < block; j += blockDim.x) v[j] = in[j];
        __syncthreads();
        for (int h = 1; h < block; h *= 2) {
            for (int p = threadIdx.x; p < block / 2; p += blockDim.x) butterfly(v, p, h);
            __syncthreads();
        }
        for (int j = threadIdx.x; j < block; j += blockDim.x) out[b * block + j] = v[j] * scale;
        __syncthreads();
    }
}

/** One butterfly stage of span h over all of v (n elements), for blocks too large for shared memory. */
PRESSO_KERNEL(presso_fwht_stage_f32, float* v, long long n, long long h) {
    PRESSO_FOR_EACH(p, n / 2) { butterfly(v, p, h); }
}
