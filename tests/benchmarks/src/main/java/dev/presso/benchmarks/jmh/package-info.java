/**
 * JMH benchmarks of tensor-cpu kernels, for profiling sessions; not run in CI.
 */
@NullMarked
package dev.presso.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
