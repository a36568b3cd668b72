/**
 * The {@code presso} command line.
 */
@NullMarked
package dev.presso.host.internal.cli;

import org.jspecify.annotations.NullMarked;
