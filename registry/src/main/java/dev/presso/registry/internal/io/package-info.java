/** File helpers shared by the format and the store: atomic, durable writes. Not API. */
@NullMarked
package dev.presso.registry.internal.io;

import org.jspecify.annotations.NullMarked;
