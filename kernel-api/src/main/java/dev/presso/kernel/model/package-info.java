/**
 * Models: causal language models and their replaceable linear layers.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
@NullMarked
package dev.presso.kernel.model;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
