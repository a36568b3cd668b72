/**
 * Reductions over axes and arg-max.
 */
@NullMarked
package dev.presso.plugins.tensorcpu.internal.reduce;

import org.jspecify.annotations.NullMarked;
