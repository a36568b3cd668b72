/* A fake libcusolver.so.12: simple, correct reference algorithms in double precision on host
 * memory for small matrices (one-sided Jacobi SVD, cyclic Jacobi eigensolver, Cholesky,
 * Householder QR with LAPACK's reflector storage), behind the generic 64-bit API's signatures
 * and checks: workspace sizes, data types, leading dimensions and devInfo. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fake_common.h"

enum { OK = 0, NOT_INITIALIZED = 1, INVALID_VALUE = 3, NOT_SUPPORTED = 9 };
enum { R_32F = 0 };

#define HANDLE_MAGIC 0x736f6c76
#define PARAMS_MAGIC 0x70617261
#define DEVICE_BYTES 256
#define HOST_BYTES 64

typedef struct { int magic; void *stream; } fake_handle;
typedef struct { int magic; } fake_params;

static fake_failure failure;
static int live_handles = 0;

void fake_cusolver_fail_next(const char *function, int code) { fake_arm_failure(&failure, function, code); }
int fake_cusolver_live_handles(void) { return live_handles; }

static int valid(void *h, void *p) {
    return h != NULL && ((fake_handle *) h)->magic == HANDLE_MAGIC
            && (p == NULL || ((fake_params *) p)->magic == PARAMS_MAGIC);
}

int cusolverDnCreate(void **handle) {
    FAKE_FAIL(failure, "cusolverDnCreate");
    fake_handle *h = calloc(1, sizeof *h);
    h->magic = HANDLE_MAGIC;
    live_handles++;
    *handle = h;
    return OK;
}

int cusolverDnDestroy(void *handle) {
    FAKE_FAIL(failure, "cusolverDnDestroy");
    if (!valid(handle, NULL)) return NOT_INITIALIZED;
    ((fake_handle *) handle)->magic = 0;
    free(handle);
    live_handles--;
    return OK;
}

int cusolverDnCreateParams(void **params) {
    FAKE_FAIL(failure, "cusolverDnCreateParams");
    fake_params *p = calloc(1, sizeof *p);
    p->magic = PARAMS_MAGIC;
    *params = p;
    return OK;
}

int cusolverDnDestroyParams(void *params) {
    FAKE_FAIL(failure, "cusolverDnDestroyParams");
    if (params == NULL || ((fake_params *) params)->magic != PARAMS_MAGIC) return INVALID_VALUE;
    ((fake_params *) params)->magic = 0;
    free(params);
    return OK;
}

int cusolverDnSetStream(void *handle, void *stream) {
    FAKE_FAIL(failure, "cusolverDnSetStream");
    if (!valid(handle, NULL)) return NOT_INITIALIZED;
    ((fake_handle *) handle)->stream = stream;
    return OK;
}

static int check_workspace(void *device, size_t device_bytes, void *host, size_t host_bytes,
        size_t host_needed) {
    if (device == NULL || device_bytes < DEVICE_BYTES) return INVALID_VALUE;
    if (host_needed > 0 && (host == NULL || host_bytes < host_needed)) return INVALID_VALUE;
    return OK;
}

/* ---- SVD: one-sided Jacobi ---- */

int cusolverDnXgesvd_bufferSize(void *handle, void *params, signed char jobu, signed char jobvt,
        int64_t m, int64_t n, int ta, const void *a, int64_t lda, int ts, const void *s, int tu,
        const void *u, int64_t ldu, int tvt, const void *vt, int64_t ldvt, int compute,
        size_t *device_bytes, size_t *host_bytes) {
    FAKE_FAIL(failure, "cusolverDnXgesvd_bufferSize");
    if (!valid(handle, params)) return NOT_INITIALIZED;
    *device_bytes = DEVICE_BYTES;
    *host_bytes = HOST_BYTES;
    return OK;
}

/* Orthonormalizes column c of q (m rows, ld m) against columns [0, c); returns its norm before. */
static double orthogonalize(double *q, int64_t m, int64_t c) {
    for (int pass = 0; pass < 2; pass++) {
        for (int64_t p = 0; p < c; p++) {
            double dot = 0;
            for (int64_t i = 0; i < m; i++) dot += q[i + p * m] * q[i + c * m];
            for (int64_t i = 0; i < m; i++) q[i + c * m] -= dot * q[i + p * m];
        }
    }
    double norm = 0;
    for (int64_t i = 0; i < m; i++) norm += q[i + c * m] * q[i + c * m];
    return sqrt(norm);
}

/* Fills columns [from, to) of q with unit vectors orthogonal to the earlier columns. */
static void complete_basis(double *q, int64_t m, int64_t from, int64_t to) {
    int64_t e = 0;
    for (int64_t c = from; c < to; c++) {
        double norm = 0;
        while (e < m) {
            for (int64_t i = 0; i < m; i++) q[i + c * m] = i == e ? 1.0 : 0.0;
            e++;
            norm = orthogonalize(q, m, c);
            if (norm > 1e-6) break;
        }
        for (int64_t i = 0; i < m; i++) q[i + c * m] /= norm;
    }
}

int cusolverDnXgesvd(void *handle, void *params, signed char jobu, signed char jobvt, int64_t m,
        int64_t n, int ta, void *a, int64_t lda, int ts, void *s, int tu, void *u, int64_t ldu,
        int tvt, void *vt, int64_t ldvt, int compute, void *device, size_t device_bytes,
        void *host, size_t host_bytes, int *info) {
    FAKE_FAIL(failure, "cusolverDnXgesvd");
    if (!valid(handle, params)) return NOT_INITIALIZED;
    if (ta != R_32F || ts != R_32F || tu != R_32F || tvt != R_32F || compute != R_32F) return NOT_SUPPORTED;
    if (m < n || n < 0 || lda < (m > 1 ? m : 1)) return INVALID_VALUE;
    if ((jobu != 'A' && jobu != 'S') || (jobvt != 'A' && jobvt != 'S')) return INVALID_VALUE;
    int64_t ucols = jobu == 'A' ? m : n;
    if (ldu < (m > 1 ? m : 1) || ldvt < (n > 1 ? n : 1)) return INVALID_VALUE;
    if (check_workspace(device, device_bytes, host, host_bytes, HOST_BYTES)) return INVALID_VALUE;
    float *af = a;
    double *w = malloc(sizeof(double) * (size_t) (m * n + 1));
    double *v = calloc((size_t) (n * n + 1), sizeof(double));
    for (int64_t j = 0; j < n; j++) {
        for (int64_t i = 0; i < m; i++) w[i + j * m] = af[i + j * lda];
        v[j + j * n] = 1.0;
    }
    int converged = 0;
    for (int sweep = 0; sweep < 80 && !converged; sweep++) {
        converged = 1;
        for (int64_t p = 0; p < n; p++) {
            for (int64_t q = p + 1; q < n; q++) {
                double alpha = 0, beta = 0, gamma = 0;
                for (int64_t i = 0; i < m; i++) {
                    alpha += w[i + p * m] * w[i + p * m];
                    beta += w[i + q * m] * w[i + q * m];
                    gamma += w[i + p * m] * w[i + q * m];
                }
                if (fabs(gamma) <= 1e-15 * sqrt(alpha * beta) || gamma == 0) continue;
                converged = 0;
                double zeta = (beta - alpha) / (2 * gamma);
                double t = (zeta >= 0 ? 1.0 : -1.0) / (fabs(zeta) + sqrt(1 + zeta * zeta));
                double c = 1 / sqrt(1 + t * t), sn = c * t;
                for (int64_t i = 0; i < m; i++) {
                    double up = w[i + p * m], uq = w[i + q * m];
                    w[i + p * m] = c * up - sn * uq;
                    w[i + q * m] = sn * up + c * uq;
                }
                for (int64_t i = 0; i < n; i++) {
                    double vp = v[i + p * n], vq = v[i + q * n];
                    v[i + p * n] = c * vp - sn * vq;
                    v[i + q * n] = sn * vp + c * vq;
                }
            }
        }
    }
    double *sigma = malloc(sizeof(double) * (size_t) (n + 1));
    int64_t *order = malloc(sizeof(int64_t) * (size_t) (n + 1));
    for (int64_t j = 0; j < n; j++) {
        double norm = 0;
        for (int64_t i = 0; i < m; i++) norm += w[i + j * m] * w[i + j * m];
        sigma[j] = sqrt(norm);
        order[j] = j;
    }
    for (int64_t i = 1; i < n; i++) { /* insertion sort, descending */
        int64_t key = order[i], j = i - 1;
        while (j >= 0 && sigma[order[j]] < sigma[key]) { order[j + 1] = order[j]; j--; }
        order[j + 1] = key;
    }
    double *uu = calloc((size_t) (m * ucols + 1), sizeof(double));
    double largest = n > 0 ? sigma[order[0]] : 0;
    int64_t rank = 0;
    for (int64_t c = 0; c < n; c++) {
        int64_t j = order[c];
        if (sigma[j] <= 1e-12 * largest || sigma[j] == 0) break;
        for (int64_t i = 0; i < m; i++) uu[i + c * m] = w[i + j * m] / sigma[j];
        rank++;
    }
    complete_basis(uu, m, rank, ucols);
    float *sf = s, *uf = u, *vtf = vt;
    for (int64_t c = 0; c < n; c++) sf[c] = (float) sigma[order[c]];
    for (int64_t c = 0; c < ucols; c++) {
        for (int64_t i = 0; i < m; i++) uf[i + c * ldu] = (float) uu[i + c * m];
    }
    for (int64_t r = 0; r < n; r++) { /* VT row r = V column order[r] */
        for (int64_t j = 0; j < n; j++) vtf[r + j * ldvt] = (float) v[j + order[r] * n];
    }
    memset(a, 0, sizeof(float)); /* A is destroyed, as by the real gesvd */
    free(w); free(v); free(sigma); free(order); free(uu);
    *info = converged ? 0 : 1;
    return OK;
}

/* ---- symmetric eigendecomposition: cyclic Jacobi ---- */

int cusolverDnXsyevd_bufferSize(void *handle, void *params, int jobz, int uplo, int64_t n, int ta,
        const void *a, int64_t lda, int tw, const void *w, int compute, size_t *device_bytes,
        size_t *host_bytes) {
    FAKE_FAIL(failure, "cusolverDnXsyevd_bufferSize");
    if (!valid(handle, params)) return NOT_INITIALIZED;
    *device_bytes = DEVICE_BYTES;
    *host_bytes = 0;
    return OK;
}

/* Reads a symmetric matrix from the named triangle of a column-major float matrix. */
static double *symmetric(const float *a, int64_t n, int64_t lda, int uplo) {
    double *s = malloc(sizeof(double) * (size_t) (n * n + 1));
    for (int64_t j = 0; j < n; j++) {
        for (int64_t i = 0; i < n; i++) {
            int stored = uplo == 0 ? i >= j : i <= j;
            s[i + j * n] = stored ? a[i + j * lda] : a[j + i * lda];
        }
    }
    return s;
}

int cusolverDnXsyevd(void *handle, void *params, int jobz, int uplo, int64_t n, int ta, void *a,
        int64_t lda, int tw, void *w, int compute, void *device, size_t device_bytes, void *host,
        size_t host_bytes, int *info) {
    FAKE_FAIL(failure, "cusolverDnXsyevd");
    if (!valid(handle, params)) return NOT_INITIALIZED;
    if (ta != R_32F || tw != R_32F || compute != R_32F) return NOT_SUPPORTED;
    if (jobz != 1 || (uplo != 0 && uplo != 1) || n < 0 || lda < (n > 1 ? n : 1)) return INVALID_VALUE;
    if (check_workspace(device, device_bytes, host, host_bytes, 0)) return INVALID_VALUE;
    double *s = symmetric(a, n, lda, uplo);
    double *v = calloc((size_t) (n * n + 1), sizeof(double));
    for (int64_t i = 0; i < n; i++) v[i + i * n] = 1.0;
    int converged = 0;
    for (int sweep = 0; sweep < 100 && !converged; sweep++) {
        double off = 0, total = 0;
        for (int64_t j = 0; j < n; j++) {
            for (int64_t i = 0; i < n; i++) {
                total += s[i + j * n] * s[i + j * n];
                if (i != j) off += s[i + j * n] * s[i + j * n];
            }
        }
        if (off <= 1e-30 * total || off == 0) { converged = 1; break; }
        for (int64_t p = 0; p < n; p++) {
            for (int64_t q = p + 1; q < n; q++) {
                double apq = s[p + q * n];
                if (apq == 0) continue;
                double theta = (s[q + q * n] - s[p + p * n]) / (2 * apq);
                double t = (theta >= 0 ? 1.0 : -1.0) / (fabs(theta) + sqrt(theta * theta + 1));
                double c = 1 / sqrt(t * t + 1), sn = t * c;
                for (int64_t k = 0; k < n; k++) { /* columns p, q */
                    double kp = s[k + p * n], kq = s[k + q * n];
                    s[k + p * n] = c * kp - sn * kq;
                    s[k + q * n] = sn * kp + c * kq;
                }
                for (int64_t k = 0; k < n; k++) { /* rows p, q */
                    double pk = s[p + k * n], qk = s[q + k * n];
                    s[p + k * n] = c * pk - sn * qk;
                    s[q + k * n] = sn * pk + c * qk;
                }
                for (int64_t k = 0; k < n; k++) {
                    double kp = v[k + p * n], kq = v[k + q * n];
                    v[k + p * n] = c * kp - sn * kq;
                    v[k + q * n] = sn * kp + c * kq;
                }
            }
        }
    }
    int64_t *order = malloc(sizeof(int64_t) * (size_t) (n + 1));
    for (int64_t i = 0; i < n; i++) order[i] = i;
    for (int64_t i = 1; i < n; i++) { /* ascending eigenvalues */
        int64_t key = order[i], j = i - 1;
        while (j >= 0 && s[order[j] + order[j] * n] > s[key + key * n]) { order[j + 1] = order[j]; j--; }
        order[j + 1] = key;
    }
    float *af = a, *wf = w;
    for (int64_t c = 0; c < n; c++) {
        wf[c] = (float) s[order[c] + order[c] * n];
        for (int64_t i = 0; i < n; i++) af[i + c * lda] = (float) v[i + order[c] * n];
    }
    free(s); free(v); free(order);
    *info = converged ? 0 : 1;
    return OK;
}

/* ---- Cholesky ---- */

int cusolverDnXpotrf_bufferSize(void *handle, void *params, int uplo, int64_t n, int ta,
        const void *a, int64_t lda, int compute, size_t *device_bytes, size_t *host_bytes) {
    FAKE_FAIL(failure, "cusolverDnXpotrf_bufferSize");
    if (!valid(handle, params)) return NOT_INITIALIZED;
    *device_bytes = DEVICE_BYTES;
    *host_bytes = 0;
    return OK;
}

int cusolverDnXpotrf(void *handle, void *params, int uplo, int64_t n, int ta, void *a, int64_t lda,
        int compute, void *device, size_t device_bytes, void *host, size_t host_bytes, int *info) {
    FAKE_FAIL(failure, "cusolverDnXpotrf");
    if (!valid(handle, params)) return NOT_INITIALIZED;
    if (ta != R_32F || compute != R_32F) return NOT_SUPPORTED;
    if ((uplo != 0 && uplo != 1) || n < 0 || lda < (n > 1 ? n : 1)) return INVALID_VALUE;
    if (check_workspace(device, device_bytes, host, host_bytes, 0)) return INVALID_VALUE;
    double *s = symmetric(a, n, lda, uplo);
    double *l = calloc((size_t) (n * n + 1), sizeof(double));
    *info = 0;
    for (int64_t j = 0; j < n && *info == 0; j++) {
        double d = s[j + j * n];
        for (int64_t p = 0; p < j; p++) d -= l[j + p * n] * l[j + p * n];
        if (!(d > 0)) { *info = (int) (j + 1); break; }
        l[j + j * n] = sqrt(d);
        for (int64_t i = j + 1; i < n; i++) {
            double x = s[i + j * n];
            for (int64_t p = 0; p < j; p++) x -= l[i + p * n] * l[j + p * n];
            l[i + j * n] = x / l[j + j * n];
        }
    }
    float *af = a;
    if (*info == 0) {
        for (int64_t j = 0; j < n; j++) {
            for (int64_t i = j; i < n; i++) {
                if (uplo == 0) af[i + j * lda] = (float) l[i + j * n];
                else af[j + i * lda] = (float) l[i + j * n];
            }
        }
    }
    free(s); free(l);
    return OK;
}

/* ---- QR: Householder reflectors as LAPACK stores them ---- */

int cusolverDnXgeqrf_bufferSize(void *handle, void *params, int64_t m, int64_t n, int ta,
        const void *a, int64_t lda, int ttau, const void *tau, int compute, size_t *device_bytes,
        size_t *host_bytes) {
    FAKE_FAIL(failure, "cusolverDnXgeqrf_bufferSize");
    if (!valid(handle, params)) return NOT_INITIALIZED;
    *device_bytes = DEVICE_BYTES;
    *host_bytes = 0;
    return OK;
}

int cusolverDnXgeqrf(void *handle, void *params, int64_t m, int64_t n, int ta, void *a,
        int64_t lda, int ttau, void *tau, int compute, void *device, size_t device_bytes,
        void *host, size_t host_bytes, int *info) {
    FAKE_FAIL(failure, "cusolverDnXgeqrf");
    if (!valid(handle, params)) return NOT_INITIALIZED;
    if (ta != R_32F || ttau != R_32F || compute != R_32F) return NOT_SUPPORTED;
    if (m < 0 || n < 0 || lda < (m > 1 ? m : 1)) return INVALID_VALUE;
    if (check_workspace(device, device_bytes, host, host_bytes, 0)) return INVALID_VALUE;
    float *af = a, *tf = tau;
    double *w = malloc(sizeof(double) * (size_t) (m * n + 1));
    for (int64_t j = 0; j < n; j++) {
        for (int64_t i = 0; i < m; i++) w[i + j * m] = af[i + j * lda];
    }
    int64_t k = m < n ? m : n;
    for (int64_t j = 0; j < k; j++) {
        double norm = 0;
        for (int64_t i = j; i < m; i++) norm += w[i + j * m] * w[i + j * m];
        norm = sqrt(norm);
        double alpha = w[j + j * m];
        double sub = norm * norm - alpha * alpha;
        if (sub <= 0 || norm == 0) { tf[j] = 0; continue; }
        double beta = alpha >= 0 ? -norm : norm;
        double t = (beta - alpha) / beta;
        double scale = 1 / (alpha - beta);
        for (int64_t i = j + 1; i < m; i++) w[i + j * m] *= scale;
        w[j + j * m] = beta;
        for (int64_t c = j + 1; c < n; c++) { /* apply I - t v v^T, v = (1, w[j+1..m, j]) */
            double dot = w[j + c * m];
            for (int64_t i = j + 1; i < m; i++) dot += w[i + j * m] * w[i + c * m];
            dot *= t;
            w[j + c * m] -= dot;
            for (int64_t i = j + 1; i < m; i++) w[i + c * m] -= dot * w[i + j * m];
        }
        tf[j] = (float) t;
    }
    for (int64_t j = 0; j < n; j++) {
        for (int64_t i = 0; i < m; i++) af[i + j * lda] = (float) w[i + j * m];
    }
    free(w);
    *info = 0;
    return OK;
}

int cusolverDnSorgqr_bufferSize(void *handle, int m, int n, int k, const float *a, int lda,
        const float *tau, int *lwork) {
    FAKE_FAIL(failure, "cusolverDnSorgqr_bufferSize");
    if (!valid(handle, NULL)) return NOT_INITIALIZED;
    *lwork = 64;
    return OK;
}

int cusolverDnSorgqr(void *handle, int m, int n, int k, float *a, int lda, const float *tau,
        float *work, int lwork, int *info) {
    FAKE_FAIL(failure, "cusolverDnSorgqr");
    if (!valid(handle, NULL)) return NOT_INITIALIZED;
    if (m < 0 || n < 0 || n > m || k < 0 || k > n || lda < (m > 1 ? m : 1)) return INVALID_VALUE;
    if (work == NULL || lwork < 64) return INVALID_VALUE;
    double *v = malloc(sizeof(double) * (size_t) m * (size_t) (k > 0 ? k : 1) + 1);
    for (int j = 0; j < k; j++) {
        for (int i = 0; i < m; i++) v[i + (int64_t) j * m] = i < j ? 0 : i == j ? 1 : a[i + (int64_t) j * lda];
    }
    double *q = calloc((size_t) m * (size_t) (n > 0 ? n : 1) + 1, sizeof(double));
    for (int j = 0; j < n; j++) q[j + (int64_t) j * m] = 1;
    for (int r = k - 1; r >= 0; r--) { /* Q = H_0 H_1 ... H_{k-1} I */
        for (int c = 0; c < n; c++) {
            double dot = 0;
            for (int i = r; i < m; i++) dot += v[i + (int64_t) r * m] * q[i + (int64_t) c * m];
            dot *= tau[r];
            for (int i = r; i < m; i++) q[i + (int64_t) c * m] -= dot * v[i + (int64_t) r * m];
        }
    }
    for (int j = 0; j < n; j++) {
        for (int i = 0; i < m; i++) a[i + (int64_t) j * lda] = (float) q[i + (int64_t) j * m];
    }
    free(v); free(q);
    *info = 0;
    return OK;
}
