/**
 * The provider's own CUDA C kernels as seen from Java: typed launches of the element-wise,
 * reduction, neural, index and quantization kernels through a {@link KernelLauncher}.
 */
@org.jspecify.annotations.NullMarked
package dev.presso.plugins.tensorcuda.internal.kernels;
