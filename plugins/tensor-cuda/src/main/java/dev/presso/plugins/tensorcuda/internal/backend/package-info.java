/**
 * The CUDA {@link dev.presso.kernel.tensor.TensorBackend}: device arrays, transfers, GEMM on
 * cuBLAS, decompositions on cuSOLVER and the provider's own kernels through the driver.
 */
@NullMarked
package dev.presso.plugins.tensorcuda.internal.backend;

import org.jspecify.annotations.NullMarked;
