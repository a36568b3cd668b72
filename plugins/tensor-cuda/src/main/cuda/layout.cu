// Layout kernels on elements of 1, 2 or 4 bytes: copy, axis permutation and slice copy.

/** dst[i] = src[i] for n elements. */
template <typename T>
PRESSO_INLINE void copy_elements(const T* src, T* dst, long long n) {
    PRESSO_FOR_EACH(i, n) { dst[i] = src[i]; }
}

/**
 * dst[i] = src[offset(i)] where i walks the output's (merged, at most 6) loop dimensions and
 * offset adds each coordinate times the source stride of that dimension.
 */
template <typename T>
PRESSO_INLINE void permute_elements(const T* src, T* dst, long long n, const long long* dims,
        const long long* strides) {
    PRESSO_FOR_EACH(i, n) {
        long long rest = i;
        long long from = 0;
        for (int axis = 5; axis >= 0 && rest > 0; axis--) {
            from += (rest % dims[axis]) * strides[axis];
            rest /= dims[axis];
        }
        dst[i] = src[from];
    }
}

/** Copies `outer` runs of `run` elements between row strides and start offsets. */
template <typename T>
PRESSO_INLINE void copy_runs(const T* src, T* dst, long long outer, long long run,
        long long sourceStride, long long sourceStart, long long targetStride, long long targetStart) {
    PRESSO_FOR_EACH(i, outer * run) {
        long long o = i / run;
        long long r = i % run;
        dst[o * targetStride + targetStart + r] = src[o * sourceStride + sourceStart + r];
    }
}

#define PRESSO_LAYOUT_ENTRIES(BYTES, T)                                                            \
    PRESSO_KERNEL(presso_copy_b##BYTES, const T* src, T* dst, long long n) {                      \
        copy_elements(src, dst, n);                                                               \
    }                                                                                             \
    PRESSO_KERNEL(presso_permute_b##BYTES, const T* src, T* dst, long long n, long long d0,        \
            long long d1, long long d2, long long d3, long long d4, long long d5, long long s0,    \
            long long s1, long long s2, long long s3, long long s4, long long s5) {                \
        const long long dims[6] = {d0, d1, d2, d3, d4, d5};                                       \
        const long long strides[6] = {s0, s1, s2, s3, s4, s5};                                    \
        permute_elements(src, dst, n, dims, strides);                                             \
    }                                                                                             \
    PRESSO_KERNEL(presso_copy_slice_b##BYTES, const T* src, T* dst, long long outer,              \
            long long run, long long sourceStride, long long sourceStart, long long targetStride,  \
            long long targetStart) {                                                              \
        copy_runs(src, dst, outer, run, sourceStride, sourceStart, targetStride, targetStart);    \
    }

PRESSO_LAYOUT_ENTRIES(1, unsigned char)
PRESSO_LAYOUT_ENTRIES(2, unsigned short)
PRESSO_LAYOUT_ENTRIES(4, unsigned int)
