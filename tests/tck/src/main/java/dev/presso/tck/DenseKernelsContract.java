package dev.presso.tck;

/**
 * Conformance of every {@link dev.presso.kernel.tensor.DenseKernels} kernel: GEMM, the
 * elementwise kernels, reductions and layout changes.
 *
 * @since 1.0
 */
public interface DenseKernelsContract extends GemmContract, ElementwiseContract,
        ReductionContract, LayoutContract {}
