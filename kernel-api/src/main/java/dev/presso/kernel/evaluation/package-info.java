/**
 * Evaluators: named quality metrics of a model on data.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
@NullMarked
package dev.presso.kernel.evaluation;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
