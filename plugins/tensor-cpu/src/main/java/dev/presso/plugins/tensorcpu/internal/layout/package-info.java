/**
 * Layout kernels: copy, axis permutation and slice copy.
 */
@NullMarked
package dev.presso.plugins.tensorcpu.internal.layout;

import org.jspecify.annotations.NullMarked;
