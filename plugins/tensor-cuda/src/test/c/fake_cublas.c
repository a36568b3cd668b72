/* A fake libcublas.so.13: column-major reference BLAS in double precision on host memory
 * ("device" pointers are host pointers). It checks its arguments as cuBLAS does, converts bf16
 * and fp16 operands exactly, and never reads C when beta is 0. fake_cublas_fail_next injects a
 * status into the next call. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fake_common.h"

enum { OK = 0, NOT_INITIALIZED = 1, INVALID_VALUE = 7, NOT_SUPPORTED = 15 };
enum { R_32F = 0, R_16F = 2, R_16BF = 14 };
enum { COMPUTE_32F = 68, COMPUTE_32F_FAST_TF32 = 77 };

typedef struct {
    int magic;
    void *stream;
    int math_mode;
} fake_handle;

#define HANDLE_MAGIC 0x626c6173

static fake_failure failure;
static int live_handles = 0;

void fake_cublas_fail_next(const char *function, int code) { fake_arm_failure(&failure, function, code); }
int fake_cublas_live_handles(void) { return live_handles; }

static int valid(void *h) { return h != NULL && ((fake_handle *) h)->magic == HANDLE_MAGIC; }

int cublasCreate_v2(void **handle) {
    FAKE_FAIL(failure, "cublasCreate_v2");
    fake_handle *h = calloc(1, sizeof *h);
    h->magic = HANDLE_MAGIC;
    live_handles++;
    *handle = h;
    return OK;
}

int cublasDestroy_v2(void *handle) {
    FAKE_FAIL(failure, "cublasDestroy_v2");
    if (!valid(handle)) return NOT_INITIALIZED;
    ((fake_handle *) handle)->magic = 0;
    free(handle);
    live_handles--;
    return OK;
}

int cublasSetStream_v2(void *handle, void *stream) {
    FAKE_FAIL(failure, "cublasSetStream_v2");
    if (!valid(handle)) return NOT_INITIALIZED;
    ((fake_handle *) handle)->stream = stream;
    return OK;
}

int cublasSetMathMode(void *handle, int mode) {
    FAKE_FAIL(failure, "cublasSetMathMode");
    if (!valid(handle)) return NOT_INITIALIZED;
    if (mode != 0 && mode != 3) return INVALID_VALUE;
    ((fake_handle *) handle)->math_mode = mode;
    return OK;
}

static double half_to_double(uint16_t h) {
    int sign = h >> 15, exponent = (h >> 10) & 31, mantissa = h & 1023;
    double value;
    if (exponent == 0) value = ldexp(mantissa, -24);
    else if (exponent == 31) value = mantissa ? NAN : INFINITY;
    else value = ldexp(mantissa + 1024, exponent - 25);
    return sign ? -value : value;
}

static double bf16_to_double(uint16_t b) {
    uint32_t bits = (uint32_t) b << 16;
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

static double element(const void *base, int type, long long index) {
    switch (type) {
        case R_16F: return half_to_double(((const uint16_t *) base)[index]);
        case R_16BF: return bf16_to_double(((const uint16_t *) base)[index]);
        default: return ((const float *) base)[index];
    }
}

/* op(X)[i][j] of a column-major matrix. */
static double op_at(const void *x, int type, int trans, int ld, long long i, long long j) {
    return trans ? element(x, type, j + i * (long long) ld) : element(x, type, i + j * (long long) ld);
}

static int check_gemm(void *handle, int ta, int tb, int m, int n, int k, int lda, int ldb, int ldc) {
    if (!valid(handle)) return NOT_INITIALIZED;
    if ((ta != 0 && ta != 1) || (tb != 0 && tb != 1) || m < 0 || n < 0 || k < 0) return INVALID_VALUE;
    int a_rows = ta ? k : m, b_rows = tb ? n : k;
    if (lda < (a_rows > 1 ? a_rows : 1) || ldb < (b_rows > 1 ? b_rows : 1) || ldc < (m > 1 ? m : 1)) {
        return INVALID_VALUE;
    }
    return OK;
}

static void gemm(int ta, int tb, int m, int n, int k, float alpha, const void *a, int atype,
        int lda, const void *b, int btype, int ldb, float beta, float *c, int ldc) {
    for (int j = 0; j < n; j++) {
        for (int i = 0; i < m; i++) {
            double sum = 0;
            for (int p = 0; p < k; p++) {
                sum += op_at(a, atype, ta, lda, i, p) * op_at(b, btype, tb, ldb, p, j);
            }
            double result = alpha * sum;
            if (beta != 0.0f) result += beta * (double) c[i + (long long) j * ldc];
            c[i + (long long) j * ldc] = (float) result;
        }
    }
}

int cublasSgemm_v2(void *handle, int ta, int tb, int m, int n, int k, const float *alpha,
        const float *a, int lda, const float *b, int ldb, const float *beta, float *c, int ldc) {
    FAKE_FAIL(failure, "cublasSgemm_v2");
    int rc = check_gemm(handle, ta, tb, m, n, k, lda, ldb, ldc);
    if (rc) return rc;
    gemm(ta, tb, m, n, k, *alpha, a, R_32F, lda, b, R_32F, ldb, *beta, c, ldc);
    return OK;
}

static int check_types(int atype, int btype, int ctype, int compute) {
    if (atype != btype || ctype != R_32F) return NOT_SUPPORTED;
    if (atype != R_32F && atype != R_16F && atype != R_16BF) return NOT_SUPPORTED;
    if (compute != COMPUTE_32F && !(compute == COMPUTE_32F_FAST_TF32 && atype == R_32F)) {
        return NOT_SUPPORTED;
    }
    return OK;
}

int cublasGemmEx(void *handle, int ta, int tb, int m, int n, int k, const void *alpha,
        const void *a, int atype, int lda, const void *b, int btype, int ldb, const void *beta,
        void *c, int ctype, int ldc, int compute, int algo) {
    FAKE_FAIL(failure, "cublasGemmEx");
    int rc = check_gemm(handle, ta, tb, m, n, k, lda, ldb, ldc);
    if (rc) return rc;
    rc = check_types(atype, btype, ctype, compute);
    if (rc) return rc;
    gemm(ta, tb, m, n, k, *(const float *) alpha, a, atype, lda, b, btype, ldb,
            *(const float *) beta, c, ldc);
    return OK;
}

static size_t type_size(int type) { return type == R_32F ? 4 : 2; }

int cublasGemmStridedBatchedEx(void *handle, int ta, int tb, int m, int n, int k,
        const void *alpha, const void *a, int atype, int lda, long long stride_a, const void *b,
        int btype, int ldb, long long stride_b, const void *beta, void *c, int ctype, int ldc,
        long long stride_c, int batch, int compute, int algo) {
    FAKE_FAIL(failure, "cublasGemmStridedBatchedEx");
    int rc = check_gemm(handle, ta, tb, m, n, k, lda, ldb, ldc);
    if (rc) return rc;
    rc = check_types(atype, btype, ctype, compute);
    if (rc) return rc;
    if (batch < 0 || stride_a < 0 || stride_b < 0 || stride_c < 0) return INVALID_VALUE;
    for (int i = 0; i < batch; i++) {
        gemm(ta, tb, m, n, k, *(const float *) alpha,
                (const char *) a + i * stride_a * type_size(atype), atype, lda,
                (const char *) b + i * stride_b * type_size(btype), btype, ldb,
                *(const float *) beta, (float *) c + i * stride_c, ldc);
    }
    return OK;
}

int cublasSgeam(void *handle, int ta, int tb, int m, int n, const float *alpha, const float *a,
        int lda, const float *beta, const float *b, int ldb, float *c, int ldc) {
    FAKE_FAIL(failure, "cublasSgeam");
    if (!valid(handle)) return NOT_INITIALIZED;
    if (m < 0 || n < 0 || ldc < (m > 1 ? m : 1)) return INVALID_VALUE;
    if (lda < ((ta ? n : m) > 1 ? (ta ? n : m) : 1)) return INVALID_VALUE;
    if (c == a && (ta || lda != ldc)) return INVALID_VALUE;
    float *result = malloc(sizeof(float) * (size_t) (m > 0 ? m : 1) * (size_t) (n > 0 ? n : 1));
    for (int j = 0; j < n; j++) {
        for (int i = 0; i < m; i++) {
            double value = *alpha == 0.0f ? 0.0 : *alpha * op_at(a, R_32F, ta, lda, i, j);
            if (*beta != 0.0f) value += *beta * op_at(b, R_32F, tb, ldb, i, j);
            result[i + (long long) j * m] = (float) value;
        }
    }
    for (int j = 0; j < n; j++) {
        for (int i = 0; i < m; i++) c[i + (long long) j * ldc] = result[i + (long long) j * m];
    }
    free(result);
    return OK;
}

int cublasSscal_v2(void *handle, int n, const float *alpha, float *x, int incx) {
    FAKE_FAIL(failure, "cublasSscal_v2");
    if (!valid(handle)) return NOT_INITIALIZED;
    if (n < 0 || incx <= 0) return INVALID_VALUE;
    for (int i = 0; i < n; i++) x[(long long) i * incx] *= *alpha;
    return OK;
}

/* A op(X) or X op(A) solved in place; A reads only the named triangle. */
int cublasStrsm_v2(void *handle, int side, int uplo, int trans, int diag, int m, int n,
        const float *alpha, const float *a, int lda, float *b, int ldb) {
    FAKE_FAIL(failure, "cublasStrsm_v2");
    if (!valid(handle)) return NOT_INITIALIZED;
    int order = side == 0 ? m : n;
    if (m < 0 || n < 0 || lda < (order > 1 ? order : 1) || ldb < (m > 1 ? m : 1)) return INVALID_VALUE;
    double *t = calloc((size_t) order * order + 1, sizeof(double)); /* op(A), row i col j at i*order+j */
    for (int i = 0; i < order; i++) {
        for (int j = 0; j < order; j++) {
            int in_triangle = uplo == 0 ? i >= j : i <= j;
            double v = in_triangle ? a[i + (long long) j * lda] : 0.0;
            if (diag == 1 && i == j) v = 1.0;
            if (trans) t[j * order + i] = v; else t[i * order + j] = v;
        }
    }
    int lower = (uplo == 0) != (trans != 0); /* op(A) is lower triangular */
    if (side == 0) { /* op(A) X = alpha B, column by column */
        double *x = malloc(sizeof(double) * (size_t) (m + 1));
        for (int col = 0; col < n; col++) {
            for (int s = 0; s < m; s++) {
                int i = lower ? s : m - 1 - s;
                double sum = *alpha * b[i + (long long) col * ldb];
                for (int p = 0; p < m; p++) {
                    if (lower ? p < i : p > i) sum -= t[i * m + p] * x[p];
                }
                x[i] = sum / t[i * m + i];
            }
            for (int i = 0; i < m; i++) b[i + (long long) col * ldb] = (float) x[i];
        }
        free(x);
    } else { /* X op(A) = alpha B, row by row: op(A)^T x^T = b^T */
        double *x = malloc(sizeof(double) * (size_t) (n + 1));
        for (int row = 0; row < m; row++) {
            for (int s = 0; s < n; s++) {
                int j = lower ? n - 1 - s : s; /* op(A)^T is upper when op(A) is lower */
                double sum = *alpha * b[row + (long long) j * ldb];
                for (int p = 0; p < n; p++) {
                    if (lower ? p > j : p < j) sum -= x[p] * t[p * n + j];
                }
                x[j] = sum / t[j * n + j];
            }
            for (int j = 0; j < n; j++) b[row + (long long) j * ldb] = (float) x[j];
        }
        free(x);
    }
    free(t);
    return OK;
}
