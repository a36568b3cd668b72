package dev.presso.plugins.tensorcpu.internal.linalg;

import dev.presso.plugins.tensorcpu.internal.gemm.Sgemm;
import dev.presso.plugins.tensorcpu.internal.parallel.WorkerPool;

/**
 * Chooses the linear algebra implementation: LAPACK from the OpenBLAS natives jar through FFM when
 * it loads, pure Java otherwise. Never throws and logs nothing; {@link #nativeStatus()} says why
 * native LAPACK is or is not used.
 */
public final class LinearAlgebraFactory {
    private LinearAlgebraFactory() {
    }

    /**
     * Returns the native implementation when OpenBLAS loads, else the pure-Java one.
     *
     * @param pool the workers (their count also sets the process-wide OpenBLAS thread count)
     * @param gemm the matrix product used by the pure-Java blocked updates
     * @return the implementation to use
     */
    public static DenseLinearAlgebra create(WorkerPool pool, Sgemm gemm) {
        try {
            Lapack lapack = OpenBlasLoader.lapack();
            if (lapack != null) {
                lapack.setThreads(pool.threads());
                return new ValidatingLinearAlgebra(new NativeLinearAlgebra(lapack,
                        "LAPACK via FFM (" + OpenBlasLoader.configuration() + ")"));
            }
        } catch (RuntimeException | LinkageError e) {
            // fall through to the pure-Java implementation; nativeStatus() has the load outcome
        }
        return createJava(pool, gemm);
    }

    /**
     * Returns the pure-Java implementation regardless of native availability.
     *
     * @param pool the workers
     * @param gemm the matrix product used by the blocked updates
     * @return the pure-Java implementation
     */
    public static DenseLinearAlgebra createJava(WorkerPool pool, Sgemm gemm) {
        return new ValidatingLinearAlgebra(new JavaLinearAlgebra(pool, gemm));
    }

    /**
     * Says whether native LAPACK loaded and, if not, why; the load is attempted once per process.
     *
     * @return {@code "loaded: <OpenBLAS configuration>"} or {@code "unavailable: <reason>"}
     */
    public static String nativeStatus() {
        return OpenBlasLoader.status();
    }
}
