/** Checks and files behind the registry store. Not API. */
@NullMarked
package dev.presso.registry.internal.store;

import org.jspecify.annotations.NullMarked;
