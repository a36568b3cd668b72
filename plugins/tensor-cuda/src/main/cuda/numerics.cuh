// Scalar arithmetic shared by the kernels, written to give the same bits as tensor-cpu: Java's
// max/min (NaN wins, +0 above -0), its deterministic exp polynomials, and exact conversions
// between float, half, bfloat16 and integers.
#ifndef PRESSO_NUMERICS_CUH
#define PRESSO_NUMERICS_CUH

#include "presso_kernels.cuh"

PRESSO_INLINE bool is_nan(float x) { return x != x; }

/** Java's Math.max: NaN if either is NaN, and +0 above -0. */
PRESSO_INLINE float java_max(float a, float b) {
    if (is_nan(a)) return a;
    if (is_nan(b)) return b;
    if (a == 0.0f && b == 0.0f) return __float_as_int(a) == 0 ? a : b;
    return a >= b ? a : b;
}

/** Java's Math.min: NaN if either is NaN, and -0 below +0. */
PRESSO_INLINE float java_min(float a, float b) {
    if (is_nan(a)) return a;
    if (is_nan(b)) return b;
    if (a == 0.0f && b == 0.0f) return __float_as_int(a) != 0 ? a : b;
    return a <= b ? a : b;
}

PRESSO_INLINE double java_max(double a, double b) {
    if (a != a) return a;
    if (b != b) return b;
    if (a == 0.0 && b == 0.0) return __double_as_longlong(a) == 0 ? a : b;
    return a >= b ? a : b;
}

PRESSO_INLINE double java_min(double a, double b) {
    if (a != a) return a;
    if (b != b) return b;
    if (a == 0.0 && b == 0.0) return __double_as_longlong(a) != 0 ? a : b;
    return a <= b ? a : b;
}

/**
 * exp(x) from additions, multiplications and fused multiply-adds: tensor-cpu's VectorExp
 * (two-part Cody-Waite reduction, degree-7 Taylor polynomial, 2^n in the exponent bits).
 */
PRESSO_INLINE float presso_exp(float x) {
    const float lowest = -86.6f;
    const float highest = 88.72283f;
    if (is_nan(x)) return x;
    if (x < lowest) return 0.0f;
    if (x > highest) return __int_as_float(0x7f800000);
    const float rounder = 12582912.0f;
    float shifted = x * 1.44269504088896341f + rounder;
    float n = shifted - rounder;
    float r = fmaf(-n, 0.693359375f, x);
    r = fmaf(-n, -2.12194440e-4f, r);
    float p = 1.0f / 5040;
    p = fmaf(p, r, 1.0f / 720);
    p = fmaf(p, r, 1.0f / 120);
    p = fmaf(p, r, 1.0f / 24);
    p = fmaf(p, r, 1.0f / 6);
    p = fmaf(p, r, 0.5f);
    p = fmaf(p, r, 1.0f);
    p = fmaf(p, r, 1.0f);
    int exponent = (__float_as_int(shifted) - __float_as_int(rounder) + 126) << 23;
    return p * __int_as_float(exponent) * 2.0f;
}

/** exp(x) for x <= 0 (softmax rows shifted by their maximum): tensor-cpu's ShiftedExp. */
PRESSO_INLINE float presso_shifted_exp(float x) {
    const float lowest = -87.33654f;
    if (x < lowest) return 0.0f;
    const float rounder = 12582912.0f;
    float clamped = java_max(x, lowest);
    float rounded = fmaf(clamped, 1.44269504088896341f, rounder);
    float n = rounded - rounder;
    float r = fmaf(n, -0.693359375f, clamped);
    r = fmaf(n, 2.12194440e-4f, r);
    float p = fmaf(r, 1.9875691500e-4f, 1.3981999507e-3f);
    p = fmaf(p, r, 8.3334519073e-3f);
    p = fmaf(p, r, 4.1665795894e-2f);
    p = fmaf(p, r, 1.6666665459e-1f);
    p = fmaf(p, r, 5.0000001201e-1f);
    float er = fmaf(p, r * r, r) + 1.0f;
    float scale = __int_as_float((__float_as_int(rounded) + (127 - __float_as_int(rounder))) << 23);
    return er * scale;
}

// ---- dtype codes (DType ordinals of kernel-api) and exact conversions ----

enum PressoDType { F32 = 0, F16 = 1, BF16 = 2, I32 = 3, I8 = 4, U8 = 5 };

/** bfloat16 bits to float, exactly. */
PRESSO_INLINE float bf16_to_float(unsigned short bits) {
    return __int_as_float(((int) bits) << 16);
}

/** IEEE binary16 bits to float, exactly. */
PRESSO_INLINE float f16_to_float(unsigned short h) {
    unsigned sign = (unsigned) (h & 0x8000) << 16;
    unsigned exponent = (h >> 10) & 0x1f;
    unsigned mantissa = h & 0x3ff;
    unsigned bits;
    if (exponent == 0x1f) {
        bits = sign | 0x7f800000u | (mantissa << 13);
    } else if (exponent != 0) {
        bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
    } else if (mantissa == 0) {
        bits = sign;
    } else {
        float magnitude = (float) mantissa * 5.9604644775390625e-8f;  // mantissa * 2^-24, exact
        return sign ? -magnitude : magnitude;
    }
    return __int_as_float((int) bits);
}

/** float to bfloat16 bits, nearest even; NaN stays a quiet NaN (tensor-cpu's HalfFloats). */
PRESSO_INLINE unsigned short float_to_bf16(float f) {
    unsigned bits = (unsigned) __float_as_int(f);
    if (is_nan(f)) return (unsigned short) ((bits >> 16) | 0x0040);
    unsigned rounding = 0x7fff + ((bits >> 16) & 1);
    return (unsigned short) ((bits + rounding) >> 16);
}

/** float to IEEE binary16 bits, nearest even, as Java's Float.floatToFloat16. */
PRESSO_INLINE unsigned short float_to_f16(float f) {
    unsigned bits = (unsigned) __float_as_int(f);
    unsigned short sign = (unsigned short) ((bits >> 16) & 0x8000);
    unsigned abs = bits & 0x7fffffff;
    if (abs >= 0x7f800000u) {  // infinity, or NaN with its payload folded as Java does
        if (abs == 0x7f800000u) return (unsigned short) (sign | 0x7c00);
        return (unsigned short) (sign | 0x7c00 | ((abs & 0x7fe000) >> 13) | ((abs & 0x1ff0) >> 4)
                | (abs & 0xf));
    }
    if (abs >= 0x477ff000u) return (unsigned short) (sign | 0x7c00);  // rounds to >= 65520
    int exponent = (int) (abs >> 23) - 127;
    if (exponent >= -14) {  // normal half
        unsigned mantissa = abs & 0x7fffff;
        unsigned half = ((unsigned) (exponent + 15) << 10) | (mantissa >> 13);
        unsigned rest = mantissa & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1))) half++;
        return (unsigned short) (sign | half);
    }
    if (exponent < -25) return sign;  // below half the smallest subnormal: rounds to 0
    // subnormal half: value = m * 2^-24 with m = round(|f| * 2^24)
    // |f| = mantissa * 2^(exponent - 23), which in units of 2^-24 is mantissa * 2^(exponent + 1)
    unsigned mantissa = (abs & 0x7fffff) | 0x800000;
    int shift = -(exponent + 1);
    unsigned m = mantissa >> shift;
    unsigned rest = mantissa & ((1u << shift) - 1);
    unsigned halfway = 1u << (shift - 1);
    if (rest > halfway || (rest == halfway && (m & 1))) m++;
    return (unsigned short) (sign | m);
}

/**
 * double to float rounding toward zero and setting the last bit when inexact (round to odd), so
 * a second rounding to half or bfloat16 is correct.
 */
PRESSO_INLINE float round_to_odd(double v) {
    float f = (float) v;
    if (is_nan(f) || f == __int_as_float(0x7f800000) || f == __int_as_float((int) 0xff800000)
            || (double) f == v) {
        return f;
    }
    if (fabs((double) f) > fabs(v)) {
        f = __int_as_float(__float_as_int(f) - 1);  // one step toward zero (|f| > 0 here)
    }
    return __int_as_float(__float_as_int(f) | 1);
}

/** Round half to even and saturate into [low, high]; NaN gives 0. */
PRESSO_INLINE long long to_integer(double v, long long low, long long high) {
    if (v != v) return 0;
    double r = rint(v);
    return r <= (double) low ? low : r >= (double) high ? high : (long long) r;
}

PRESSO_INLINE double read_element(const void* data, int dtype, long long i) {
    switch (dtype) {
        case F32: return ((const float*) data)[i];
        case F16: return f16_to_float(((const unsigned short*) data)[i]);
        case BF16: return bf16_to_float(((const unsigned short*) data)[i]);
        case I32: return ((const int*) data)[i];
        case I8: return ((const signed char*) data)[i];
        default: return ((const unsigned char*) data)[i];
    }
}

PRESSO_INLINE void write_element(void* data, int dtype, long long i, double v) {
    switch (dtype) {
        case F32: ((float*) data)[i] = (float) v; break;
        case F16: ((unsigned short*) data)[i] = float_to_f16(round_to_odd(v)); break;
        case BF16: ((unsigned short*) data)[i] = float_to_bf16(round_to_odd(v)); break;
        case I32: ((int*) data)[i] = (int) to_integer(v, -2147483648LL, 2147483647LL); break;
        case I8: ((signed char*) data)[i] = (signed char) to_integer(v, -128, 127); break;
        default: ((unsigned char*) data)[i] = (unsigned char) to_integer(v, 0, 255); break;
    }
}

#endif
