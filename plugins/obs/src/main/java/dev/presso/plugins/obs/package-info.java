/**
 * Calibrated compression methods built on one optimal-brain-surgeon column sweep: {@code gptq}
 * (group-wise quantization) and {@code sparsegpt} (unstructured or N:M pruning), each a
 * {@link dev.presso.kernel.method.CompressionMethodProvider} registered with {@code ServiceLoader}.
 */
@NullMarked
package dev.presso.plugins.obs;

import org.jspecify.annotations.NullMarked;
