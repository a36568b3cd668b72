/**
 * Transformer kernels: softmax, RMSNorm, rotary embedding, Walsh-Hadamard transform.
 */
@NullMarked
package dev.presso.plugins.tensorcpu.internal.neural;

import org.jspecify.annotations.NullMarked;
