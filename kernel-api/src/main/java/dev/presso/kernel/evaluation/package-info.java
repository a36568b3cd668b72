/**
 * Evaluators: named quality metrics of a model on token data, such as perplexity, KL divergence to
 * a reference model and per-layer reconstruction error, made by providers from settings.
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
