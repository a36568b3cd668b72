// Group-wise affine quantization into packed unsigned codes of 1, 2, 4 or 8 bits (little-endian
// within each byte) and back. Codes are computed in double as tensor-cpu does.
#include "numerics.cuh"

/** clamp(rint(x / scale + zero), 0, maxCode); a zero scale gives the clamped zero, NaN gives 0. */
PRESSO_INLINE int quantize_code(float x, float scale, float zero, int maxCode) {
    double q = scale == 0.0f ? rint((double) zero) : rint((double) x / (double) scale + (double) zero);
    double clamped = java_min(java_max(q, 0.0), (double) maxCode);
    return clamped != clamped ? 0 : (int) clamped;
}

/**
 * Writes the codes of x [rows, cols] with per-group scales and zeros [rows, groups]; one thread
 * per output byte, which it assembles from its codes (so no two threads share a byte).
 */
PRESSO_KERNEL(presso_quantize_f32, const float* x, const float* scales, const float* zeros,
        unsigned char* out, long long rows, long long cols, long long groups, int bits) {
    long long n = rows * cols;
    long long perByte = 8 / bits;
    long long width = cols / groups;
    int maxCode = (1 << bits) - 1;
    PRESSO_FOR_EACH(byte, (n + perByte - 1) / perByte) {
        unsigned value = 0;
        for (long long e = 0; e < perByte; e++) {
            long long i = byte * perByte + e;
            if (i >= n) break;
            long long parameter = (i / cols) * groups + (i % cols) / width;
            unsigned code = (unsigned) quantize_code(x[i], scales[parameter], zeros[parameter], maxCode);
            value |= code << (e * bits);
        }
        out[byte] = (unsigned char) value;
    }
}

/** out = (q - zero) * scale per group, in float, for codes [rows, cols]. */
PRESSO_KERNEL(presso_dequantize_f32, const unsigned char* codes, const float* scales,
        const float* zeros, float* out, long long rows, long long cols, long long groups, int bits) {
    long long perByte = 8 / bits;
    long long width = cols / groups;
    unsigned mask = (1u << bits) - 1;
    PRESSO_FOR_EACH(i, rows * cols) {
        unsigned q = (codes[i / perByte] >> ((i % perByte) * bits)) & mask;
        long long parameter = (i / cols) * groups + (i % cols) / width;
        out[i] = ((float) (int) q - zeros[parameter]) * scales[parameter];
    }
}
