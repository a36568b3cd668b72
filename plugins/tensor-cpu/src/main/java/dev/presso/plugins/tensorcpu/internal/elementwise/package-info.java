/**
 * Elementwise kernels: fill, unary and binary functions with broadcasting, clamp.
 */
@NullMarked
package dev.presso.plugins.tensorcpu.internal.elementwise;

import org.jspecify.annotations.NullMarked;
