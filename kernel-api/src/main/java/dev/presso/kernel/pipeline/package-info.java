/**
 * What a plugin receives while a pipeline runs: progress, cancellation, seeds, checkpoints and problems.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
@NullMarked
package dev.presso.kernel.pipeline;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
