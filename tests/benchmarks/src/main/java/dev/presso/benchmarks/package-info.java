/**
 * The bench command: times the tensor-cpu provider, opened through the tensor SPI, against numpy
 * on the same machine in the same run, and prints one table.
 */
@NullMarked
package dev.presso.benchmarks;

import org.jspecify.annotations.NullMarked;
