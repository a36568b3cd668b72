/**
 * Indexed kernels: gather, scatter-add, hashed sharing and top-k.
 */
@NullMarked
package dev.presso.plugins.tensorcpu.internal.index;

import org.jspecify.annotations.NullMarked;
