/**
 * Batched GEMM and the shape checks in front of the decompositions.
 */
@NullMarked
package dev.presso.plugins.tensorcpu.internal.matmul;

import org.jspecify.annotations.NullMarked;
