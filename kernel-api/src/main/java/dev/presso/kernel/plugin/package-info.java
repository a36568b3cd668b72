/**
 * Plugin descriptors: identity, version and what a plugin provides.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
@NullMarked
package dev.presso.kernel.plugin;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
