/**
 * The pure-Java CPU tensor provider.
 */
@NullMarked
package dev.presso.plugins.tensorcpu;

import org.jspecify.annotations.NullMarked;
