/**
 * Dense decompositions and solvers of the CPU provider: LAPACK (OpenBLAS) through FFM when the
 * bundled native library loads, and a pure-Java implementation otherwise.
 */
@org.jspecify.annotations.NullMarked
package dev.presso.plugins.tensorcpu.internal.linalg;
