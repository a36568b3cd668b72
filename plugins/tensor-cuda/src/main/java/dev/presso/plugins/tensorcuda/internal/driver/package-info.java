/**
 * Hand-written {@code java.lang.foreign} bindings to {@code libcuda.so.1}, {@code libcublas.so.13}
 * and {@code libcusolver.so.12}: library discovery, status checking and the one platform thread
 * every CUDA call of a backend runs on.
 */
@NullMarked
package dev.presso.plugins.tensorcuda.internal.driver;

import org.jspecify.annotations.NullMarked;
