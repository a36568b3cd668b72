/**
 * Single-precision matrix product on the Vector API: operands are packed into cache-sized
 * panels and a register-blocked micro-kernel computes tiles of the result, spread over the
 * worker pool.
 */
@NullMarked
package dev.presso.plugins.tensorcpu.internal.gemm;

import org.jspecify.annotations.NullMarked;
