/**
 * Heap-backed, reference-counted array storage with memory accounting.
 */
@NullMarked
package dev.presso.plugins.tensorcpu.internal.storage;

import org.jspecify.annotations.NullMarked;
