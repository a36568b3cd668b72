package dev.presso.plugins.tensorcuda.internal.backend;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcuda.internal.driver.CuBlas;
import dev.presso.plugins.tensorcuda.internal.driver.CuSolver;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * {@link dev.presso.kernel.tensor.LinearAlgebraKernels} on cuSOLVER and cuBLAS. A row-major
 * {@code [M, N]} buffer is the column-major {@code N x M} transpose, so the lower triangle of a
 * row-major matrix is the upper triangle cuSOLVER sees; transposes are {@code cublasSgeam}
 * copies. Inputs are never modified: factorizations run on copies. Zeroing the triangle a factor
 * must not hold (Cholesky's upper, R's lower part) is done through host memory, since neither
 * library has a masked copy.
 */
final class Decompositions {
    private final ArrayRegistry registry;
    private final DeviceSession session;
    private final MathLibraries libraries;

    Decompositions(ArrayRegistry registry, DeviceSession session, MathLibraries libraries) {
        this.registry = registry;
        this.session = session;
        this.libraries = libraries;
    }

    void svd(DeviceArray a, boolean full, DeviceArray u, DeviceArray s, DeviceArray vt) {
        CudaArray in = matrix("svd", "a", a);
        int m = dim(in, 0);
        int n = dim(in, 1);
        int k = Math.min(m, n);
        CudaArray uOut = output("svd", "u", u, Shape.of(m, full ? m : k));
        CudaArray sOut = output("svd", "s", s, Shape.of(k));
        CudaArray vtOut = output("svd", "vt", vt, Shape.of(full ? n : k, n));
        distinct("svd", in, uOut, sOut, vtOut);
        if (k == 0) {
            throw new TensorException("svd", "a " + in.shape() + " is empty");
        }
        char job = full ? 'A' : 'S';
        session.run("svd", () -> {
            CuBlas blas = libraries.blas("svd");
            CuSolver solver = libraries.solver("svd");
            int info;
            if (m < n) {
                // The buffer is column-major A^T (n x m, n >= m): A^T = U' S VT' gives u = VT', vt = U'.
                try (Temporary work = copy(in)) {
                    info = solver.gesvd(job, n, m, work.address(), n, sOut.address(),
                            vtOut.address(), n, uOut.address(), full ? m : k, session);
                }
            } else {
                int uCols = full ? m : k;
                int vtRows = full ? n : k;
                try (Temporary work = Temporary.allocate(session, 4L * m * n);
                        Temporary uc = Temporary.allocate(session, 4L * m * uCols);
                        Temporary vtc = Temporary.allocate(session, 4L * vtRows * n)) {
                    blas.copyTransposed(CuBlas.OP_T, m, n, in.address(), n, work.address(), m);
                    info = solver.gesvd(job, m, n, work.address(), m, sOut.address(),
                            uc.address(), m, vtc.address(), vtRows, session);
                    blas.copyTransposed(CuBlas.OP_T, uCols, m, uc.address(), m, uOut.address(), uCols);
                    blas.copyTransposed(CuBlas.OP_T, n, vtRows, vtc.address(), vtRows,
                            vtOut.address(), n);
                }
            }
            requireInfo("svd", info, in.shape(), "the bidiagonal QR iteration did not converge");
        });
    }

    void qr(DeviceArray a, DeviceArray q, DeviceArray r) {
        CudaArray in = matrix("qr", "a", a);
        int m = dim(in, 0);
        int n = dim(in, 1);
        int k = Math.min(m, n);
        CudaArray qOut = output("qr", "q", q, Shape.of(m, k));
        CudaArray rOut = output("qr", "r", r, Shape.of(k, n));
        distinct("qr", in, qOut, rOut);
        if (k == 0) {
            return;
        }
        session.run("qr", () -> {
            CuBlas blas = libraries.blas("qr");
            try (Temporary work = Temporary.allocate(session, 4L * m * n);
                    Temporary tau = Temporary.allocate(session, 4L * k)) {
                factorQr(in, work, tau, m, n);
                blas.copyTransposed(CuBlas.OP_T, n, k, work.address(), m, rOut.address(), n);
                maskTriangle(rOut.address(), k, n, false);
                formQ(work, tau, m, k);
                blas.copyTransposed(CuBlas.OP_T, k, m, work.address(), m, qOut.address(), k);
            }
        });
    }

    void cholesky(DeviceArray a, DeviceArray l) {
        CudaArray in = square("cholesky", "a", a);
        int n = dim(in, 0);
        CudaArray lOut = output("cholesky", "l", l, in.shape());
        distinct("cholesky", in, lOut);
        if (n == 0) {
            return;
        }
        session.run("cholesky", () -> {
            session.driver().copyOnDevice(lOut.address(), in.address(), 4L * n * n, session.stream());
            int info = libraries.solver("cholesky").potrf(CuBlas.FILL_UPPER, n, lOut.address(), n,
                    session);
            if (info > 0) {
                throw new TensorException("cholesky", "a " + in.shape()
                        + " is not positive definite (its leading minor of order " + info
                        + " is not)");
            }
            requireInfo("cholesky", info, in.shape(), "");
            maskTriangle(lOut.address(), n, n, true);
        });
    }

    void eigh(DeviceArray a, DeviceArray w, DeviceArray v) {
        CudaArray in = square("eigh", "a", a);
        int n = dim(in, 0);
        CudaArray wOut = output("eigh", "w", w, Shape.of(n));
        CudaArray vOut = output("eigh", "v", v, in.shape());
        distinct("eigh", in, wOut, vOut);
        if (n == 0) {
            return;
        }
        session.run("eigh", () -> {
            CuBlas blas = libraries.blas("eigh");
            try (Temporary work = copy(in)) {
                int info = libraries.solver("eigh").syevd(CuBlas.FILL_UPPER, n, work.address(), n,
                        wOut.address(), session);
                requireInfo("eigh", info, in.shape(), "the eigensolver did not converge");
                blas.copyTransposed(CuBlas.OP_T, n, n, work.address(), n, vOut.address(), n);
            }
        });
    }

    void triangularSolve(DeviceArray a, DeviceArray b, boolean lower, boolean transposeA,
            DeviceArray out) {
        CudaArray tri = square("triangularSolve", "a", a);
        CudaArray rhs = matrix("triangularSolve", "b", b);
        int n = dim(tri, 0);
        if (rhs.shape().dim(0) != n) {
            throw new TensorException("triangularSolve", "b " + rhs.shape() + " must have " + n
                    + " rows to match a " + tri.shape());
        }
        int k = dim(rhs, 1);
        CudaArray x = output("triangularSolve", "out", out, rhs.shape());
        distinct("triangularSolve", tri, x);
        distinct("triangularSolve", rhs, x);
        if (n == 0 || k == 0) {
            return;
        }
        session.run("triangularSolve", () -> {
            session.driver().copyOnDevice(x.address(), rhs.address(), 4L * n * k, session.stream());
            // Row-major X [n, k] is column-major X^T: solve X^T op(A)^T = B^T, and the buffer
            // of a lower-triangular A is column-major upper.
            libraries.blas("triangularSolve").solveTriangular(CuBlas.SIDE_RIGHT,
                    lower ? CuBlas.FILL_UPPER : CuBlas.FILL_LOWER,
                    transposeA ? CuBlas.OP_T : CuBlas.OP_N, k, n, tri.address(), n, x.address(), k);
        });
    }

    void leastSquares(DeviceArray a, DeviceArray b, DeviceArray out) {
        CudaArray in = matrix("leastSquares", "a", a);
        CudaArray rhs = matrix("leastSquares", "b", b);
        int m = dim(in, 0);
        int n = dim(in, 1);
        if (m < n) {
            throw new TensorException("leastSquares", "a " + in.shape()
                    + " has more columns than rows; expected M >= N");
        }
        if (rhs.shape().dim(0) != m) {
            throw new TensorException("leastSquares", "b " + rhs.shape() + " must have " + m
                    + " rows to match a " + in.shape());
        }
        int k = dim(rhs, 1);
        CudaArray x = output("leastSquares", "out", out, Shape.of(n, k));
        distinct("leastSquares", in, x);
        distinct("leastSquares", rhs, x);
        if (n == 0 || k == 0) {
            return;
        }
        session.run("leastSquares", () -> {
            CuBlas blas = libraries.blas("leastSquares");
            try (Temporary work = Temporary.allocate(session, 4L * m * n);
                    Temporary q = Temporary.allocate(session, 4L * m * n);
                    Temporary tau = Temporary.allocate(session, 4L * n);
                    Temporary bc = Temporary.allocate(session, 4L * m * k);
                    Temporary c = Temporary.allocate(session, 4L * n * k)) {
                factorQr(in, work, tau, m, n);
                session.driver().copyOnDevice(q.address(), work.address(), 4L * m * n,
                        session.stream());
                formQ(q, tau, m, n);
                blas.copyTransposed(CuBlas.OP_T, m, k, rhs.address(), k, bc.address(), m);
                blas.sgemm(CuBlas.OP_T, CuBlas.OP_N, n, k, m, 1f, q.address(), m, bc.address(), m,
                        0f, c.address(), n);
                blas.solveTriangular(CuBlas.SIDE_LEFT, CuBlas.FILL_UPPER, CuBlas.OP_N, n, k,
                        work.address(), m, c.address(), n);
                blas.copyTransposed(CuBlas.OP_T, k, n, c.address(), n, x.address(), k);
            }
        });
    }

    /** Column-major Householder QR of {@code in} into {@code work} (m x n, ld m). */
    private void factorQr(CudaArray in, Temporary work, Temporary tau, int m, int n) {
        libraries.blas("qr").copyTransposed(CuBlas.OP_T, m, n, in.address(), n, work.address(), m);
        int info = libraries.solver("qr").geqrf(m, n, work.address(), m, tau.address(), session);
        requireInfo("qr", info, in.shape(), "");
    }

    /** Overwrites the reflectors in {@code work} with the first {@code columns} columns of Q. */
    private void formQ(Temporary work, Temporary tau, int m, int columns) {
        int info = libraries.solver("qr").orgqr(m, columns, columns, work.address(), m,
                tau.address(), session);
        if (info != 0) {
            throw new TensorException("qr", "cusolverDnSorgqr reported devInfo " + info);
        }
    }

    /** Zeros the row-major triangle a factor must not hold: above (keepLower) or below the diagonal. */
    private void maskTriangle(long address, int rows, int cols, boolean keepLower) {
        float[] host = new float[rows * cols];
        long bytes = 4L * rows * cols;
        registry.copyOut(address, MemorySegment.ofArray(host), bytes);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (keepLower ? j > i : j < i) {
                    host[i * cols + j] = 0f;
                }
            }
        }
        registry.copyIn(MemorySegment.ofArray(host), address, bytes);
    }

    private Temporary copy(CudaArray in) {
        Temporary work = Temporary.allocate(session, in.byteSize());
        session.driver().copyOnDevice(work.address(), in.address(), in.byteSize(), session.stream());
        return work;
    }

    private static void requireInfo(String op, int info, Shape shape, String positiveMeaning) {
        if (info < 0) {
            throw new TensorException(op, "cuSOLVER rejected parameter " + (-info) + " for a "
                    + shape);
        }
        if (info > 0) {
            throw new TensorException(op, "a " + shape + ": " + positiveMeaning + " (devInfo "
                    + info + ")");
        }
    }

    private CudaArray matrix(String op, String role, DeviceArray array) {
        CudaArray resolved = registry.resolve(op, role, array);
        if (resolved.dtype() != DType.F32 || resolved.shape().rank() != 2) {
            throw new TensorException(op, role + " must be a rank-2 F32 matrix, got "
                    + resolved.dtype() + " " + resolved.shape());
        }
        return resolved;
    }

    private CudaArray square(String op, String role, DeviceArray array) {
        CudaArray resolved = matrix(op, role, array);
        if (resolved.shape().dim(0) != resolved.shape().dim(1)) {
            throw new TensorException(op, role + " " + resolved.shape() + " must be square");
        }
        return resolved;
    }

    private CudaArray output(String op, String role, DeviceArray array, Shape expected) {
        CudaArray resolved = registry.resolve(op, role, array);
        if (resolved.dtype() != DType.F32 || !resolved.shape().equals(expected)) {
            throw new TensorException(op, role + " is " + resolved.dtype() + " "
                    + resolved.shape() + "; expected F32 " + expected);
        }
        return resolved;
    }

    private static void distinct(String op, CudaArray... arrays) {
        List<CudaArray> all = List.of(arrays);
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                if (all.get(i).sharesStorage(all.get(j))) {
                    throw new TensorException(op, "outputs must not share storage with inputs or "
                            + "each other");
                }
            }
        }
    }

    private static int dim(CudaArray array, int axis) {
        long size = array.shape().dim(axis);
        if (size > Integer.MAX_VALUE) {
            throw new TensorException("linear algebra", array.shape() + " exceeds 32-bit sizes");
        }
        return (int) size;
    }
}
