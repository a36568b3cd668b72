/** The column sweep, its linear algebra, the two column rules and their payload formats. */
@NullMarked
package dev.presso.plugins.obs.internal;

import org.jspecify.annotations.NullMarked;
