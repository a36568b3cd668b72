/**
 * Argument checks and parallel loops shared by every kernel.
 */
@NullMarked
package dev.presso.plugins.tensorcpu.internal.kernel;

import org.jspecify.annotations.NullMarked;
