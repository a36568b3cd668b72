// Elementwise kernels: fill, unary, binary with broadcasting, scalar, clamp and cast.
#include "numerics.cuh"

/** UnaryOp ordinals of kernel-api. */
enum UnaryCode {
    U_NEG, U_ABS, U_EXP, U_LOG, U_SQRT, U_RSQRT, U_SQUARE, U_RECIPROCAL, U_SIGMOID, U_TANH,
    U_RELU, U_SILU, U_GELU, U_SIGN, U_ROUND, U_FLOOR
};

/** BinaryOp ordinals of kernel-api. */
enum BinaryCode { B_ADD, B_SUB, B_MUL, B_DIV, B_MAX, B_MIN, B_POW, B_GREATER, B_LESS, B_EQUAL };

PRESSO_INLINE float apply_unary(int op, float x) {
    switch (op) {
        case U_NEG: return -x;
        case U_ABS: return fabsf(x);
        case U_EXP: return presso_exp(x);
        case U_LOG: return (float) log((double) x);
        case U_SQRT: return sqrtf(x);
        case U_RSQRT: return (float) (1.0 / sqrt((double) x));
        case U_SQUARE: return x * x;
        case U_RECIPROCAL: return 1.0f / x;
        case U_SIGMOID: return 1.0f / (presso_exp(-x) + 1.0f);
        case U_TANH: return (float) tanh((double) x);
        case U_RELU: return is_nan(x) ? x : x > 0.0f ? x : 0.0f;
        case U_SILU: return x / (presso_exp(-x) + 1.0f);
        case U_GELU: {
            double d = x;
            return (float) (0.5 * d * (1.0 + tanh(0.79788456080286535588 * (d + 0.044715 * d * d * d))));
        }
        case U_SIGN: return x > 0.0f ? 1.0f : x < 0.0f ? -1.0f : x;
        case U_ROUND: return rintf(x);
        default: return floorf(x);
    }
}

/** a ^ b with java.lang.Math.pow's special cases where C's pow differs. */
PRESSO_INLINE float java_pow(float a, float b) {
    if (is_nan(b)) return b;
    if (fabsf(a) == 1.0f && isinf(b)) return __int_as_float(0x7fc00000);
    if (b == 0.0f) return 1.0f;
    return (float) pow((double) a, (double) b);
}

PRESSO_INLINE float apply_binary(int op, float a, float b) {
    switch (op) {
        case B_ADD: return a + b;
        case B_SUB: return a - b;
        case B_MUL: return a * b;
        case B_DIV: return a / b;
        case B_MAX: return java_max(a, b);
        case B_MIN: return java_min(a, b);
        case B_POW: return java_pow(a, b);
        case B_GREATER: return a > b ? 1.0f : 0.0f;
        case B_LESS: return a < b ? 1.0f : 0.0f;
        default: return a == b ? 1.0f : 0.0f;
    }
}

PRESSO_KERNEL(presso_fill_f32, float* out, long long n, float value) {
    PRESSO_FOR_EACH(i, n) { out[i] = value; }
}

PRESSO_KERNEL(presso_fill_i32, int* out, long long n, int value) {
    PRESSO_FOR_EACH(i, n) { out[i] = value; }
}

PRESSO_KERNEL(presso_unary_f32, const float* x, float* out, long long n, int op) {
    PRESSO_FOR_EACH(i, n) { out[i] = apply_unary(op, x[i]); }
}

PRESSO_KERNEL(presso_scalar_f32, const float* x, float* out, long long n, int op, float s) {
    PRESSO_FOR_EACH(i, n) { out[i] = apply_binary(op, x[i], s); }
}

PRESSO_KERNEL(presso_clamp_f32, const float* x, float* out, long long n, float low, float high) {
    PRESSO_FOR_EACH(i, n) { out[i] = java_min(java_max(x[i], low), high); }
}

/**
 * out = op(a, b) with broadcasting over up to 6 loop dimensions (outermost first, unused
 * leading ones of size 1): element strides of a and b per dimension, 0 where broadcast.
 */
PRESSO_KERNEL(presso_binary_f32, const float* a, const float* b, float* out, long long n, int op,
        long long d0, long long d1, long long d2, long long d3, long long d4, long long d5,
        long long as0, long long as1, long long as2, long long as3, long long as4, long long as5,
        long long bs0, long long bs1, long long bs2, long long bs3, long long bs4, long long bs5) {
    if (d0 * d1 * d2 * d3 * d4 == 1) {  // one loop (same shapes, or a broadcast scalar)
        PRESSO_FOR_EACH(i, n) { out[i] = apply_binary(op, a[i * as5], b[i * bs5]); }
        return;
    }
    const long long dims[6] = {d0, d1, d2, d3, d4, d5};
    const long long as[6] = {as0, as1, as2, as3, as4, as5};
    const long long bs[6] = {bs0, bs1, bs2, bs3, bs4, bs5};
    PRESSO_FOR_EACH(i, n) {
        long long rest = i;
        long long ai = 0;
        long long bi = 0;
        for (int axis = 5; axis >= 0 && rest > 0; axis--) {
            long long coordinate = rest % dims[axis];
            rest /= dims[axis];
            ai += coordinate * as[axis];
            bi += coordinate * bs[axis];
        }
        out[i] = apply_binary(op, a[ai], b[bi]);
    }
}

/** Converts between F32, F16, BF16, I32, I8 and U8 (codes are kernel-api DType ordinals). */
PRESSO_KERNEL(presso_cast, const void* x, int from, void* out, int to, long long n) {
    PRESSO_FOR_EACH(i, n) {
        if (from == F32 && to == F16) {
            ((unsigned short*) out)[i] = float_to_f16(((const float*) x)[i]);
        } else if (from == F32 && to == BF16) {
            ((unsigned short*) out)[i] = float_to_bf16(((const float*) x)[i]);
        } else if (from == F16 && to == F32) {
            ((float*) out)[i] = f16_to_float(((const unsigned short*) x)[i]);
        } else if (from == BF16 && to == F32) {
            ((float*) out)[i] = bf16_to_float(((const unsigned short*) x)[i]);
        } else {
            write_element(out, to, i, read_element(x, from, i));
        }
    }
}
