package dev.presso.plugins.tensorcuda.internal.driver;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * cuBLAS ({@code libcublas.so.13}) as used by the provider: one handle bound to the backend's
 * stream, column-major fp32, tf32, bf16 and fp16 products with fp32 accumulation, strided
 * batches, transposes ({@code geam}) and triangular solves. Scalars are passed by host pointer
 * (the default pointer mode). Every call checks its status and throws a {@link CudaException}.
 * Call it on the backend's {@link CudaThread} with the context current.
 */
public final class CuBlas implements AutoCloseable {
    /** The library's soname. */
    public static final String SONAME = "libcublas.so.13";
    /** {@code CUBLAS_OP_N}. */
    public static final int OP_N = 0;
    /** {@code CUBLAS_OP_T}. */
    public static final int OP_T = 1;
    /** {@code CUBLAS_FILL_MODE_LOWER}. */
    public static final int FILL_LOWER = 0;
    /** {@code CUBLAS_FILL_MODE_UPPER}. */
    public static final int FILL_UPPER = 1;
    /** {@code CUBLAS_SIDE_LEFT}. */
    public static final int SIDE_LEFT = 0;
    /** {@code CUBLAS_SIDE_RIGHT}. */
    public static final int SIDE_RIGHT = 1;
    /** {@code CUDA_R_32F}. */
    public static final int R_32F = 0;
    /** {@code CUDA_R_16F}. */
    public static final int R_16F = 2;
    /** {@code CUDA_R_16BF}. */
    public static final int R_16BF = 14;
    /** {@code CUBLAS_COMPUTE_32F}. */
    public static final int COMPUTE_32F = 68;
    /** {@code CUBLAS_COMPUTE_32F_FAST_TF32}. */
    public static final int COMPUTE_32F_FAST_TF32 = 77;
    /** {@code CUBLAS_DEFAULT_MATH}. */
    public static final int DEFAULT_MATH = 0;
    /** {@code CUBLAS_TF32_TENSOR_OP_MATH}. */
    public static final int TF32_TENSOR_OP_MATH = 3;

    private static final int GEMM_DEFAULT = -1;
    private static final int DIAG_NON_UNIT = 0;

    private final MethodHandle cublasDestroy;
    private final MethodHandle cublasSetStream;
    private final MethodHandle cublasSetMathMode;
    private final MethodHandle cublasSgemm;
    private final MethodHandle cublasGemmEx;
    private final MethodHandle cublasGemmStridedBatchedEx;
    private final MethodHandle cublasSgeam;
    private final MethodHandle cublasStrsm;
    private final MethodHandle cublasSscal;
    private final MemorySegment handle;

    /**
     * Binds cuBLAS and creates a handle in the current context.
     *
     * @param lookup the symbols of a loaded {@code libcublas.so.13}
     */
    public CuBlas(SymbolLookup lookup) {
        Downcalls d = new Downcalls(lookup, SONAME);
        MethodHandle create = d.bind("cublasCreate_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        cublasDestroy = d.bind("cublasDestroy_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        cublasSetStream = d.bind("cublasSetStream_v2",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        cublasSetMathMode = d.bind("cublasSetMathMode",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        cublasSgemm = d.bind("cublasSgemm_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_LONG,
                JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
        cublasGemmEx = d.bind("cublasGemmEx", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT,
                JAVA_LONG, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT));
        cublasGemmStridedBatchedEx = d.bind("cublasGemmStridedBatchedEx", FunctionDescriptor.of(
                JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS,
                JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_LONG,
                ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT));
        cublasSgeam = d.bind("cublasSgeam", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG,
                JAVA_INT, JAVA_LONG, JAVA_INT));
        cublasStrsm = d.bind("cublasStrsm_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT,
                JAVA_LONG, JAVA_INT));
        cublasSscal = d.bind("cublasSscal_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT,
                ADDRESS, JAVA_LONG, JAVA_INT));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            int rc;
            try {
                rc = (int) create.invokeExact(out);
            } catch (Throwable t) {
                throw Downcalls.failure("cublasCreate_v2", t);
            }
            check(rc, "cublasCreate_v2");
            handle = out.get(ADDRESS, 0);
        }
    }

    /**
     * Makes the handle's work go to a stream.
     *
     * @param stream a {@code CUstream}
     */
    public void setStream(long stream) {
        int rc;
        try {
            rc = (int) cublasSetStream.invokeExact(handle, MemorySegment.ofAddress(stream));
        } catch (Throwable t) {
            throw Downcalls.failure("cublasSetStream_v2", t);
        }
        check(rc, "cublasSetStream_v2");
    }

    /**
     * Sets the math mode.
     *
     * @param mode {@link #DEFAULT_MATH} or {@link #TF32_TENSOR_OP_MATH}
     */
    public void setMathMode(int mode) {
        int rc;
        try {
            rc = (int) cublasSetMathMode.invokeExact(handle, mode);
        } catch (Throwable t) {
            throw Downcalls.failure("cublasSetMathMode", t);
        }
        check(rc, "cublasSetMathMode");
    }

    /**
     * Column-major fp32 product {@code C = alpha op(A) op(B) + beta C} ({@code cublasSgemm_v2}).
     *
     * @param ta {@link #OP_N} or {@link #OP_T} for A
     * @param tb the same for B
     * @param m rows of C
     * @param n columns of C
     * @param k the inner dimension
     * @param alpha the product's scale
     * @param a device pointer of A
     * @param lda A's leading dimension
     * @param b device pointer of B
     * @param ldb B's leading dimension
     * @param beta C's scale
     * @param c device pointer of C
     * @param ldc C's leading dimension
     */
    public void sgemm(int ta, int tb, int m, int n, int k, float alpha, long a, int lda, long b,
            int ldb, float beta, long c, int ldc) {
        try (Arena arena = Arena.ofConfined()) {
            int rc;
            try {
                rc = (int) cublasSgemm.invokeExact(handle, ta, tb, m, n, k,
                        arena.allocateFrom(JAVA_FLOAT, alpha), a, lda, b, ldb,
                        arena.allocateFrom(JAVA_FLOAT, beta), c, ldc);
            } catch (Throwable t) {
                throw Downcalls.failure("cublasSgemm_v2", t);
            }
            check(rc, "cublasSgemm_v2");
        }
    }

    /**
     * Column-major product with typed operands and an F32 output ({@code cublasGemmEx}).
     *
     * @param ta {@link #OP_N} or {@link #OP_T} for A
     * @param tb the same for B
     * @param m rows of C
     * @param n columns of C
     * @param k the inner dimension
     * @param alpha the product's scale
     * @param a device pointer of A
     * @param inputType {@link #R_32F}, {@link #R_16F} or {@link #R_16BF} for A and B
     * @param lda A's leading dimension
     * @param b device pointer of B
     * @param ldb B's leading dimension
     * @param beta C's scale
     * @param c device pointer of the F32 C
     * @param ldc C's leading dimension
     * @param computeType {@link #COMPUTE_32F} or {@link #COMPUTE_32F_FAST_TF32}
     */
    public void gemmEx(int ta, int tb, int m, int n, int k, float alpha, long a, int inputType,
            int lda, long b, int ldb, float beta, long c, int ldc, int computeType) {
        try (Arena arena = Arena.ofConfined()) {
            int rc;
            try {
                rc = (int) cublasGemmEx.invokeExact(handle, ta, tb, m, n, k,
                        arena.allocateFrom(JAVA_FLOAT, alpha), a, inputType, lda, b, inputType,
                        ldb, arena.allocateFrom(JAVA_FLOAT, beta), c, R_32F, ldc, computeType,
                        GEMM_DEFAULT);
            } catch (Throwable t) {
                throw Downcalls.failure("cublasGemmEx", t);
            }
            check(rc, "cublasGemmEx");
        }
    }

    /**
     * A batch of column-major products at fixed element strides
     * ({@code cublasGemmStridedBatchedEx}); a stride of 0 shares one matrix across the batch.
     *
     * @param ta {@link #OP_N} or {@link #OP_T} for A
     * @param tb the same for B
     * @param m rows of C
     * @param n columns of C
     * @param k the inner dimension
     * @param alpha the product's scale
     * @param a device pointer of the first A
     * @param inputType the element type of A and B
     * @param lda A's leading dimension
     * @param strideA elements between consecutive A
     * @param b device pointer of the first B
     * @param ldb B's leading dimension
     * @param strideB elements between consecutive B
     * @param beta C's scale
     * @param c device pointer of the first F32 C
     * @param ldc C's leading dimension
     * @param strideC elements between consecutive C
     * @param batch the number of products
     * @param computeType {@link #COMPUTE_32F} or {@link #COMPUTE_32F_FAST_TF32}
     */
    public void gemmStridedBatched(int ta, int tb, int m, int n, int k, float alpha, long a,
            int inputType, int lda, long strideA, long b, int ldb, long strideB, float beta,
            long c, int ldc, long strideC, int batch, int computeType) {
        try (Arena arena = Arena.ofConfined()) {
            int rc;
            try {
                rc = (int) cublasGemmStridedBatchedEx.invokeExact(handle, ta, tb, m, n, k,
                        arena.allocateFrom(JAVA_FLOAT, alpha), a, inputType, lda, strideA, b,
                        inputType, ldb, strideB, arena.allocateFrom(JAVA_FLOAT, beta), c, R_32F,
                        ldc, strideC, batch, computeType, GEMM_DEFAULT);
            } catch (Throwable t) {
                throw Downcalls.failure("cublasGemmStridedBatchedEx", t);
            }
            check(rc, "cublasGemmStridedBatchedEx");
        }
    }

    /**
     * Transposes a column-major matrix: {@code C = op(A)} with C {@code m x n}
     * ({@code cublasSgeam} with {@code alpha = 1}, {@code beta = 0}, B = C).
     *
     * @param ta {@link #OP_N} or {@link #OP_T}
     * @param m rows of C
     * @param n columns of C
     * @param a device pointer of A
     * @param lda A's leading dimension
     * @param c device pointer of C
     * @param ldc C's leading dimension
     */
    public void copyTransposed(int ta, int m, int n, long a, int lda, long c, int ldc) {
        try (Arena arena = Arena.ofConfined()) {
            int rc;
            try {
                rc = (int) cublasSgeam.invokeExact(handle, ta, OP_N, m, n,
                        arena.allocateFrom(JAVA_FLOAT, 1f), a, lda,
                        arena.allocateFrom(JAVA_FLOAT, 0f), c, ldc, c, ldc);
            } catch (Throwable t) {
                throw Downcalls.failure("cublasSgeam", t);
            }
            check(rc, "cublasSgeam");
        }
    }

    /**
     * Solves a triangular system in place: {@code op(A) X = B} (left) or {@code X op(A) = B}
     * (right), X overwriting B ({@code cublasStrsm_v2}, non-unit diagonal, {@code alpha = 1}).
     *
     * @param side {@link #SIDE_LEFT} or {@link #SIDE_RIGHT}
     * @param fill which triangle of A holds it: {@link #FILL_LOWER} or {@link #FILL_UPPER}
     * @param ta {@link #OP_N} or {@link #OP_T}
     * @param m rows of B
     * @param n columns of B
     * @param a device pointer of A
     * @param lda A's leading dimension
     * @param b device pointer of B, overwritten with X
     * @param ldb B's leading dimension
     */
    public void solveTriangular(int side, int fill, int ta, int m, int n, long a, int lda, long b,
            int ldb) {
        try (Arena arena = Arena.ofConfined()) {
            int rc;
            try {
                rc = (int) cublasStrsm.invokeExact(handle, side, fill, ta, DIAG_NON_UNIT, m, n,
                        arena.allocateFrom(JAVA_FLOAT, 1f), a, lda, b, ldb);
            } catch (Throwable t) {
                throw Downcalls.failure("cublasStrsm_v2", t);
            }
            check(rc, "cublasStrsm_v2");
        }
    }

    /**
     * Scales a contiguous vector in place ({@code cublasSscal_v2}).
     *
     * @param n the element count
     * @param alpha the factor
     * @param x device pointer of the vector
     */
    public void scale(int n, float alpha, long x) {
        try (Arena arena = Arena.ofConfined()) {
            int rc;
            try {
                rc = (int) cublasSscal.invokeExact(handle, n, arena.allocateFrom(JAVA_FLOAT, alpha),
                        x, 1);
            } catch (Throwable t) {
                throw Downcalls.failure("cublasSscal_v2", t);
            }
            check(rc, "cublasSscal_v2");
        }
    }

    /** Destroys the handle. */
    @Override
    public void close() {
        int rc;
        try {
            rc = (int) cublasDestroy.invokeExact(handle);
        } catch (Throwable t) {
            throw Downcalls.failure("cublasDestroy_v2", t);
        }
        check(rc, "cublasDestroy_v2");
    }

    /**
     * Throws a {@link CudaException} for a failed cuBLAS status.
     *
     * @param rc the status
     * @param function the function that returned it
     */
    public static void check(int rc, String function) {
        if (rc != 0) {
            throw new CudaException(function, rc, StatusNames.cublasName(rc),
                    StatusNames.cublasDescription(rc));
        }
    }
}
