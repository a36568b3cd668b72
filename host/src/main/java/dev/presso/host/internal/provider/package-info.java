/**
 * Choosing a tensor provider among those found by {@link java.util.ServiceLoader}. Not API.
 */
@NullMarked
package dev.presso.host.internal.provider;

import org.jspecify.annotations.NullMarked;
