/**
 * Conformance kits that providers run against their plugins in a few lines, starting with
 * {@link dev.presso.tck.TensorBackendContract} for tensor backends.
 *
 * @since 1.0
 */
@NullMarked
package dev.presso.tck;

import org.jspecify.annotations.NullMarked;
