/**
 * The host runtime's public entry points: opening a tensor backend from the installed providers,
 * the tensor front end over it, and gradient checking.
 *
 * @since 1.0
 */
@NullMarked
package dev.presso.host;

import org.jspecify.annotations.NullMarked;
