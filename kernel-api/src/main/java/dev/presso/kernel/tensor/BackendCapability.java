package dev.presso.kernel.tensor;

/**
 * Optional features a backend may offer beyond the kernels every backend implements.
 *
 * @since 1.0
 */
public enum BackendCapability {
    /** Decompositions run in an optimized native LAPACK rather than a portable fallback. */
    NATIVE_LAPACK,
    /** GEMM accepts bf16 operands with fp32 accumulation. */
    BF16_GEMM,
    /** GEMM accepts fp16 operands with fp32 accumulation. */
    F16_GEMM,
    /** Kernels run asynchronously to the calling thread; downloads synchronize. */
    ASYNC,
    /** Kernels are multi-threaded. */
    MULTI_THREADED
}
