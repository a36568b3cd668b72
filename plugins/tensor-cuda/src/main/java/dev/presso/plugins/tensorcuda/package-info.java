/**
 * The CUDA tensor provider: NVIDIA GPUs through the driver, cuBLAS and cuSOLVER, bound with the
 * FFM API (no JNI).
 */
@NullMarked
package dev.presso.plugins.tensorcuda;

import org.jspecify.annotations.NullMarked;
