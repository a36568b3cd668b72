package dev.presso.plugins.tensorcuda.internal.backend;

import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcuda.internal.driver.CuBlas;
import dev.presso.plugins.tensorcuda.internal.driver.CuSolver;
import dev.presso.plugins.tensorcuda.internal.driver.LibrarySearch;
import dev.presso.plugins.tensorcuda.internal.driver.MissingLibraryException;
import org.jspecify.annotations.Nullable;

/**
 * cuBLAS and cuSOLVER handles of one backend, each bound to the session's stream. Either library
 * may be missing: the backend still opens, and a kernel that needs the missing one throws a
 * {@link TensorException} saying which library was not found where.
 */
final class MathLibraries implements AutoCloseable {
    private final @Nullable CuBlas blas;
    private final @Nullable CuSolver solver;
    private final String blasProblem;
    private final String solverProblem;

    /** Loads and initializes both libraries on the CUDA thread. */
    MathLibraries(DeviceSession session, LibrarySearch search, boolean tf32) {
        CuBlas loadedBlas = null;
        String blasWhy = "";
        try {
            loadedBlas = session.call("open", () -> {
                CuBlas b = new CuBlas(search.load(CuBlas.SONAME));
                b.setStream(session.stream());
                b.setMathMode(tf32 ? CuBlas.TF32_TENSOR_OP_MATH : CuBlas.DEFAULT_MATH);
                return b;
            });
        } catch (MissingLibraryException e) {
            blasWhy = e.reason();
        }
        CuSolver loadedSolver = null;
        String solverWhy = "";
        try {
            loadedSolver = session.call("open", () -> {
                CuSolver s = new CuSolver(search.load(CuSolver.SONAME));
                s.setStream(session.stream());
                return s;
            });
        } catch (MissingLibraryException e) {
            solverWhy = e.reason();
        } catch (RuntimeException e) {
            if (loadedBlas != null) {
                CuBlas created = loadedBlas;
                try {
                    session.run("close", created::close);
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        this.blas = loadedBlas;
        this.solver = loadedSolver;
        this.blasProblem = blasWhy;
        this.solverProblem = solverWhy;
    }

    boolean hasBlas() {
        return blas != null;
    }

    /** Returns cuBLAS, or throws naming the operation that needed it. */
    CuBlas blas(String op) {
        if (blas == null) {
            throw new TensorException(op, "needs cuBLAS, which is unavailable: " + blasProblem);
        }
        return blas;
    }

    /** Returns cuSOLVER, or throws naming the operation that needed it. */
    CuSolver solver(String op) {
        if (solver == null) {
            throw new TensorException(op, "needs cuSOLVER, which is unavailable: " + solverProblem);
        }
        return solver;
    }

    /** Destroys the handles; call on the CUDA thread. */
    @Override
    public void close() {
        try {
            if (solver != null) {
                solver.close();
            }
        } finally {
            if (blas != null) {
                blas.close();
            }
        }
    }
}
