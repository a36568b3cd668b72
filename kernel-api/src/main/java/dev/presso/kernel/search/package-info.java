/**
 * Search strategies: allocating per-unit compression levels under a budget with a fitness oracle.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
@NullMarked
package dev.presso.kernel.search;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
