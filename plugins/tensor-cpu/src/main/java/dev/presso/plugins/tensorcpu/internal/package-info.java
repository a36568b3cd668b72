/**
 * The CPU backend that ties storage, kernels, GEMM and linear algebra together; not exported.
 */
@NullMarked
package dev.presso.plugins.tensorcpu.internal;

import org.jspecify.annotations.NullMarked;
